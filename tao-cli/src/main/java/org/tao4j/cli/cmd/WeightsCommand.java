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
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao weights set|commit|reveal}. */
@Command(
        name = "weights",
        mixinStandardHelpOptions = true,
        description = "Set, commit and reveal a validator's weights.",
        subcommands = {WeightsCommand.Set.class, WeightsCommand.Commit.class, WeightsCommand.Reveal.class},
        footer = {
            "",
            "Example:",
            "  tao weights set --netuid 1 --uids 0,1 --weights 0.7,0.3 --wallet v --hotkey default"
        })
public final class WeightsCommand implements Runnable {
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

    public abstract static class WOpts extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Option(
                names = "--uids",
                required = true,
                split = ",",
                paramLabel = "UID",
                description = "The uids to weigh, comma-separated, e.g. 0,1,4 (see `tao subnet metagraph`).")
        List<Integer> uids;

        @Option(
                names = "--weights",
                required = true,
                split = ",",
                paramLabel = "W",
                description = "One weight per uid, comma-separated; any non-negative numbers, scaled so the largest "
                        + "is 65535 (0.7,0.3 and 7,3 are the same).")
        List<Double> weights;

        int[] dests() {
            netuid = netuidArg.get();
            if (uids.size() != weights.size()) {
                throw new UserError(uids.size() + " uids but " + weights.size() + " weights; give one weight per uid");
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int u : uids) {
                if (u < 0 || u > 0xFFFF) {
                    throw new UserError("uid " + u + " is out of range 0..65535");
                }
                if (!seen.add(u)) {
                    throw new UserError("uid " + u + " appears more than once in --uids");
                }
            }
            return uids.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * Uids the subnet does not have: the chain refuses them in set_weights, and cannot see them
         * inside a commit's hash at all, so the reveal would fail an epoch later.
         */
        static void checkUids(Subnet s, int[] d) {
            for (int u : d) {
                if (u >= s.n()) {
                    throw new UserError("uid " + u + " is not on subnet " + s.netuid() + ", which has " + s.n()
                            + " neurons (uids 0.." + (s.n() - 1) + "); see `tao subnet metagraph " + s.netuid() + "`");
                }
            }
        }

        Integer commit(Ctx ctx, Subnet s, int[] d, int[] v) {
            checkUids(s, d);
            // the salt is kept in the wallet directory: make sure there is one before committing,
            // or the commit could never be revealed
            if (Ctx.isDevUri(ctx.walletName())) {
                throw new UserError("--wallet " + ctx.walletName() + " is a dev URI and has no directory to keep the "
                        + "commit's salt in; use a wallet name (the hotkey may stay a dev URI). Nothing was submitted");
            }
            Path dir = ctx.wallet().directory().resolve("commits");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserError("cannot create " + dir + " to keep the commit's salt: " + e.getMessage()
                        + ". Nothing was submitted");
            }
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            AccountId hot = ctx.hotkeyPub();
            long vk = s.hyperparams().weightsVersionKey();
            byte[] hash = WeightSetting.commitHash(hot, netuid, d, v, salt, vk);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.hotkey(), new Call.CommitWeights(netuid, hash)),
                    "Commit weights on subnet " + netuid + " for " + d.length + " uids",
                    List.of("commit " + hex(hash)));
            int tempo = s.hyperparams().tempo();
            long revealEpoch = WeightSetting.epochIndex(f.blockNumber(), netuid, tempo)
                    + s.hyperparams().revealPeriodEpochs();
            long revealAt = WeightSetting.firstBlockOfEpoch(revealEpoch, netuid, tempo);
            Path file = saveCommit(ctx, hot, f.blockNumber(), d, v, salt, vk, revealAt);
            ctx.say("Committed. Reveal from block #" + revealAt + " (~"
                    + org.tao4j.cli.ChainErrors.waitText(Math.max(0, revealAt - f.blockNumber()), ctx.blockSeconds())
                    + ") with `tao weights reveal --pending`.");
            ObjectNode o = ctx.obj()
                    .put("netuid", netuid)
                    .put("committed", true)
                    .put("reveal_block", revealAt)
                    .put("commit_file", file.toString());
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }

        Path saveCommit(Ctx ctx, AccountId hot, long block, int[] d, int[] v, byte[] salt, long vk, long revealAt) {
            Path dir = ctx.wallet().directory().resolve("commits");
            ObjectNode j = ctx.obj()
                    .put("netuid", netuid)
                    .put("hotkey", hot.toSs58())
                    .put("block", block)
                    .put("salt", hex(salt))
                    .put("version_key", vk)
                    .put("reveal_block", revealAt);
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

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Set weights (signed by the hotkey). With commit-reveal on, commits and saves the salt.",
            footer = {"", "Example:", "  tao weights set --netuid 1 --uids 0,1 --weights 0.7,0.3 --wallet v"})
    public static final class Set extends WOpts {
        @Override
        protected Integer run(Ctx ctx) {
            int[] d = dests();
            int[] v = normalise(weights);
            Subnet s = SubnetCommand.subnet(ctx, netuid);
            if (s.hyperparams().commitRevealEnabled()) {
                ctx.note("Subnet " + netuid + " uses commit-reveal: committing now.");
                return commit(ctx, s, d, v);
            }
            checkUids(s, d);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(
                            ctx.hotkey(),
                            new Call.SetWeights(netuid, d, v, s.hyperparams().weightsVersionKey())),
                    "Set weights on subnet " + netuid,
                    List.of("weights on uids " + uids));
            ctx.say("Weights set on subnet " + netuid + " for uids " + uids + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("netuid", netuid).put("committed", false);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "commit",
            mixinStandardHelpOptions = true,
            description = "Commit weights (hash only); saves the salt.",
            footer = {"", "Example:", "  tao weights commit --netuid 1 --uids 0,1 --weights 1,1"})
    public static final class Commit extends WOpts {
        @Override
        protected Integer run(Ctx ctx) {
            int[] d = dests();
            int[] v = normalise(weights);
            Subnet s = SubnetCommand.subnet(ctx, netuid);
            if (!s.hyperparams().commitRevealEnabled()) {
                throw new UserError("subnet " + netuid + " has commit-reveal off: use `tao weights set`. Nothing was "
                        + "submitted");
            }
            return commit(ctx, s, d, v);
        }
    }

    @Command(
            name = "reveal",
            mixinStandardHelpOptions = true,
            description = "Reveal saved commits of the hotkey; --pending reveals every one that is due.",
            footer = {"", "Example:", "  tao weights reveal --pending --wallet v --hotkey default"})
    public static final class Reveal extends SharedOptionsCommand {
        @Option(
                names = "--pending",
                required = true,
                description = "Reveal every saved commit of the hotkey that is due now.")
        boolean pending;

        /** One saved commit file. */
        record Saved(
                Path file,
                int netuid,
                AccountId hotkey,
                long block,
                int[] dests,
                int[] values,
                byte[] salt,
                long versionKey) {
            String name() {
                return file.getFileName().toString();
            }
        }

        static Saved read(Path p) {
            try {
                JsonNode j = Ctx.JSON.readTree(p.toFile());
                int[] d = new int[j.get("uids").size()];
                int[] v = new int[d.length];
                if (j.get("values").size() != d.length) {
                    throw new IllegalArgumentException("uids and values differ in length");
                }
                for (int i = 0; i < d.length; i++) {
                    d[i] = j.get("uids").get(i).asInt();
                    v[i] = j.get("values").get(i).asInt();
                }
                String salt = j.get("salt").asText();
                if (!j.path("block").canConvertToLong() || !j.path("netuid").canConvertToInt()) {
                    throw new IllegalArgumentException("no block or netuid");
                }
                return new Saved(
                        p,
                        j.get("netuid").asInt(),
                        AccountId.fromSs58(j.get("hotkey").asText()),
                        j.get("block").asLong(),
                        d,
                        v,
                        HexFormat.of().parseHex(salt.startsWith("0x") ? salt.substring(2) : salt),
                        j.get("version_key").asLong());
            } catch (IOException | RuntimeException e) {
                throw new UserError("commit file " + p + " cannot be read ("
                        + e.getClass().getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); move it out of "
                        + p.getParent() + ". Nothing was revealed");
            }
        }

        @Override
        protected Integer run(Ctx ctx) throws IOException {
            Path dir = ctx.wallet().directory().resolve("commits");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
                }
            }
            // every file is read before anything is submitted
            List<Saved> saved = new ArrayList<>();
            for (Path p : files) {
                saved.add(read(p));
            }
            AccountId hot = ctx.hotkeyPub();
            long head = ctx.client().head().number();
            var revealed = ctx.arr();
            var waiting = ctx.arr();
            var expired = ctx.arr();
            int others = 0;
            for (Saved c : saved) {
                // a commit is revealed by the hotkey that made it: others wait for their own --hotkey
                if (!c.hotkey().equals(hot)) {
                    others++;
                    continue;
                }
                // the reveal window is one epoch, commit epoch + reveal_period_epochs, computed as the chain
                // does with the subnet's current tempo (governance may have changed it since the commit).
                // After it the chain has dropped the commit and a reveal could only fail: the file is
                // forgotten instead of blocking the commits after it
                var sn = ctx.client().subnet(c.netuid());
                boolean gone = sn.isEmpty() || sn.get().hyperparams() == null;
                long revealAt = -1;
                if (!gone) {
                    var h = sn.get().hyperparams();
                    long revealEpoch =
                            WeightSetting.epochIndex(c.block(), c.netuid(), h.tempo()) + h.revealPeriodEpochs();
                    long next = WeightSetting.epochIndex(head + 1, c.netuid(), h.tempo());
                    revealAt = WeightSetting.firstBlockOfEpoch(revealEpoch, c.netuid(), h.tempo());
                    if (next < revealEpoch) {
                        waiting.add(c.name());
                        ctx.say("not yet: " + c.name() + " reveals from block #" + revealAt + " (now #" + head + ")");
                        continue;
                    }
                    gone = next > revealEpoch;
                }
                if (!gone) {
                    try {
                        TxOutcome.Finalized f = ctx.submit(
                                ctx.prepare(
                                        ctx.hotkey(),
                                        new Call.RevealWeights(
                                                c.netuid(), c.dests(), c.values(), c.salt(), c.versionKey())),
                                "Reveal weights on subnet " + c.netuid(),
                                List.of("weights on " + c.dests().length + " uids"));
                        Files.delete(c.file());
                        ctx.say("Revealed weights on subnet " + c.netuid() + " (block #" + f.blockNumber() + ")");
                        revealed.add(ctx.obj().put("netuid", c.netuid()).put("block", f.blockNumber()));
                        continue;
                    } catch (org.tao4j.cli.Connection.ChainRefused e) {
                        if (!"ExpiredWeightCommit".equals(e.outcome.error())) {
                            throw e;
                        }
                    }
                }
                ctx.note("expired: " + c.name()
                        + (revealAt < 0
                                ? ": its subnet is gone"
                                : " could be revealed only in the epoch from block #" + revealAt
                                        + "; the chain has dropped it")
                        + ", deleting the file");
                Files.delete(c.file());
                expired.add(c.name());
            }
            if (others > 0) {
                ctx.note(others + " saved commit(s) of other hotkeys of this wallet: reveal them with their --hotkey");
            }
            ObjectNode o = ctx.obj();
            o.set("revealed", revealed);
            o.set("waiting", waiting);
            o.set("expired", expired);
            ctx.emit(o);
            return 0;
        }
    }
}
