package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tao4j.cli.ChainCommand;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao weights set|commit|reveal}. */
@Command(name = "weights", mixinStandardHelpOptions = true, description = "Set, commit and reveal a validator's weights.",
        subcommands = {WeightsCmd.Set.class, WeightsCmd.Commit.class, WeightsCmd.Reveal.class},
        footer = {"", "Example:", "  tao weights set --netuid 1 --uids 0,1 --weights 0.7,0.3 --wallet v --hotkey default"})
public final class WeightsCmd implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Weights as given (any non-negative numbers) scaled so the largest is 65535. */
    public static int[] normalise(List<Double> w) {
        double max = 0;
        for (double d : w) {
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new UserError("weights must be non-negative numbers, got " + d);
            }
            max = Math.max(max, d);
        }
        if (max == 0) {
            throw new UserError("at least one weight must be greater than zero");
        }
        int[] v = new int[w.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) Math.round(w.get(i) / max * 65535);
        }
        return v;
    }

    public abstract static class WOpts extends ChainCommand {
        @Option(names = "--netuid", required = true) int netuid;
        @Option(names = "--uids", required = true, split = ",", paramLabel = "UID") List<Integer> uids;
        @Option(names = "--weights", required = true, split = ",", paramLabel = "W") List<Double> weights;

        int[] dests() {
            if (uids.size() != weights.size()) {
                throw new UserError(uids.size() + " uids but " + weights.size() + " weights; give one weight per uid");
            }
            return uids.stream().mapToInt(Integer::intValue).toArray();
        }

        Integer commit(Ctx ctx, Subnet s, int[] d, int[] v) {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            AccountId hot = ctx.hotkeyPub();
            long vk = s.hyperparams().weightsVersionKey();
            byte[] hash = WeightSetting.commitHash(hot, netuid, d, v, salt, vk);
            TxOutcome.Finalized f = ctx.submit(ctx.prepare(ctx.hotkey(), new Call.CommitWeights(netuid, hash)),
                    "Commit weights on subnet " + netuid + " for " + d.length + " uids", List.of("commit " + hex(hash)));
            int tempo = s.hyperparams().tempo();
            long revealEpoch = WeightSetting.epochIndex(f.blockNumber(), netuid, tempo) + s.hyperparams().revealPeriodEpochs();
            long revealAt = WeightSetting.firstBlockOfEpoch(revealEpoch, netuid, tempo);
            Path file = saveCommit(ctx, hot, f.blockNumber(), d, v, salt, vk, revealAt);
            ctx.say("Committed. Reveal from block #" + revealAt + " (~" + org.tao4j.cli.ChainErrors.waitText(
                    Math.max(0, revealAt - f.blockNumber()), ctx.blockSeconds()) + ") with `tao weights reveal --pending`.");
            ObjectNode o = ctx.obj().put("netuid", netuid).put("committed", true).put("reveal_block", revealAt)
                    .put("commit_file", file.toString());
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }

        Path saveCommit(Ctx ctx, AccountId hot, long block, int[] d, int[] v, byte[] salt, long vk, long revealAt) {
            Path dir = ctx.wallet().directory().resolve("commits");
            ObjectNode j = ctx.obj().put("netuid", netuid).put("hotkey", hot.toSs58()).put("block", block)
                    .put("salt", hex(salt)).put("version_key", vk).put("reveal_block", revealAt);
            var a = j.putArray("uids");
            for (int x : d) {
                a.add(x);
            }
            var b = j.putArray("values");
            for (int x : v) {
                b.add(x);
            }
            Path f = dir.resolve(hot.toSs58() + "-" + netuid + "-" + block + ".json");
            try {
                Files.createDirectories(dir);
                Files.writeString(f, j.toPrettyString());
            } catch (IOException e) {
                throw new UserError("committed, but cannot save the salt to " + f + ": " + e.getMessage());
            }
            return f;
        }
    }

    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set weights (signed by the hotkey). With commit-reveal on, commits and saves the salt.",
            footer = {"", "Example:", "  tao weights set --netuid 1 --uids 0,1 --weights 0.7,0.3 --wallet v"})
    public static final class Set extends WOpts {
        @Override
        protected Integer run(Ctx ctx) {
            int[] d = dests();
            int[] v = normalise(weights);
            Subnet s = SubnetCmd.subnet(ctx, netuid);
            if (s.hyperparams().commitRevealEnabled()) {
                ctx.note("Subnet " + netuid + " uses commit-reveal: committing now.");
                return commit(ctx, s, d, v);
            }
            TxOutcome.Finalized f = ctx.submit(ctx.prepare(ctx.hotkey(),
                    new Call.SetWeights(netuid, d, v, s.hyperparams().weightsVersionKey())),
                    "Set weights on subnet " + netuid, List.of("weights on uids " + uids));
            ObjectNode o = ctx.obj().put("netuid", netuid).put("committed", false);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true, description = "Commit weights (hash only); saves the salt.",
            footer = {"", "Example:", "  tao weights commit --netuid 1 --uids 0,1 --weights 1,1"})
    public static final class Commit extends WOpts {
        @Override
        protected Integer run(Ctx ctx) {
            int[] d = dests();
            return commit(ctx, SubnetCmd.subnet(ctx, netuid), d, normalise(weights));
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true,
            description = "Reveal saved commits; --pending reveals every commit that is due.",
            footer = {"", "Example:", "  tao weights reveal --pending --wallet v"})
    public static final class Reveal extends ChainCommand {
        @Option(names = "--pending", required = true, description = "Reveal every saved commit that is due now.")
        boolean pending;

        @Override
        protected Integer run(Ctx ctx) throws IOException {
            Path dir = ctx.wallet().directory().resolve("commits");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
                }
            }
            long head = ctx.client().head().number();
            var revealed = ctx.arr();
            var waiting = ctx.arr();
            for (Path p : files) {
                JsonNode j = Ctx.JSON.readTree(p.toFile());
                long at = j.get("reveal_block").asLong();
                if (at > head) {
                    waiting.add(p.getFileName().toString());
                    ctx.say("not yet: " + p.getFileName() + " reveals from block #" + at + " (now #" + head + ")");
                    continue;
                }
                int netuid = j.get("netuid").asInt();
                int[] d = new int[j.get("uids").size()];
                int[] v = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = j.get("uids").get(i).asInt();
                    v[i] = j.get("values").get(i).asInt();
                }
                byte[] salt = HexFormat.of().parseHex(j.get("salt").asText().substring(2));
                TxOutcome.Finalized f = ctx.submit(ctx.prepare(ctx.hotkey(),
                        new Call.RevealWeights(netuid, d, v, salt, j.get("version_key").asLong())),
                        "Reveal weights on subnet " + netuid, List.of("weights on " + d.length + " uids"));
                Files.delete(p);
                revealed.add(ctx.obj().put("netuid", netuid).put("block", f.blockNumber()));
            }
            ObjectNode o = ctx.obj();
            o.set("revealed", revealed);
            o.set("waiting", waiting);
            ctx.emit(o);
            return 0;
        }
    }
}
