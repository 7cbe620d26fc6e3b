package org.tao4j.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.Supply;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.devnet.Devnet.Member;
import org.tao4j.devnet.Devnet.Role;
import org.tao4j.devnet.Devnet.Snapshot;
import org.tao4j.devnet.Devnet.SubnetRun;
import org.tao4j.devnet.Devnet.SubnetState;
import org.tao4j.devnet.Devnet.Summary;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;

/**
 * The devnet's last phase: the final state as JSON ({@code --summary FILE}), the issuance check
 * (total issuance against genesis plus the halving schedule minus what was recycled) and the figures.
 */
final class DevnetSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Devnet d;

    DevnetSummary(Devnet d) {
        this.d = d;
    }

    /** Reads the final state, writes {@code --summary} if asked, and prints the figures. */
    Summary finish() {
        Snapshot snap = d.watch.snapshot();
        Summary s = summary(snap);
        d.log(String.format(
                "block %d: total_issuance %d, expected_issuance %d (%s); first epoch of every subnet %.1f s "
                        + "after start; peak resident memory %d MB",
                snap.block(),
                s.totalIssuance(),
                s.expectedIssuance(),
                s.issuanceMatches() ? "equal" : "MISMATCH",
                d.firstEpochAllMillis / 1000.0,
                d.peakRssKb() / 1024));
        if (d.options.summary() != null) {
            try {
                Path p = d.options.summary().toAbsolutePath();
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.writeString(p, JSON.writeValueAsString(s.json()) + "\n");
                d.log("summary written to " + p);
            } catch (IOException e) {
                System.err.println("tao devnet: cannot write the summary: " + e.getMessage());
            }
        }
        return s;
    }

    Summary summary(Snapshot snap) {
        Supply supply = snap.supply();
        long n = supply.blockNumber();
        long genesis = (long) DevAccounts.NAMES.size() * ChainSpec.DEV_ENDOWMENT;
        // the halving schedule for each produced block, at the issuance before its mint: issuance only
        // moves by minting and recycling, so when the schedule gives one amount over the whole range
        // it gave it at every block
        // blocks mint only once a subnet exists to receive the emission (Coinbase): the produced blocks
        // that emit are those from the first subnet's registration block on
        long firstSubnet = d.client.subnets().stream()
                .filter(x -> x.netuid() != 0)
                .mapToLong(Subnet::registeredAt)
                .min()
                .orElse(n + 1);
        long emitting = Math.max(0, n - firstSubnet + 1);
        long low = genesis - supply.totalRecycled();
        long high = genesis + supply.totalMinted();
        long scheduled;
        if (EmissionSchedule.era(low) == EmissionSchedule.era(high)) {
            // issuance only moves by minting and recycling: one era over the whole range means the
            // schedule gave the same amount at every block
            scheduled = emitting * EmissionSchedule.blockEmission(genesis);
        } else {
            scheduled = scheduledFromEvents(firstSubnet, n);
        }
        long expected = genesis + scheduled - supply.totalRecycled();
        ObjectNode root = JSON.createObjectNode();
        root.put("block", n);
        root.put("total_issuance", supply.totalIssuance());
        root.put("expected_issuance", expected);
        ArrayNode subs = root.putArray("subnets");
        for (SubnetState st : snap.subnets()) {
            SubnetRun run = st.run();
            MetagraphView mg = st.metagraph();
            ObjectNode o = subs.addObject();
            o.put("netuid", run.netuid);
            o.put("name", run.name);
            o.put("epochs", run.epochs());
            o.put("commit_reveal", st.subnet().hyperparams().commitRevealEnabled());
            o.put("reveal_period_epochs", st.subnet().hyperparams().revealPeriodEpochs());
            ArrayNode ns = o.putArray("neurons");
            for (int uid = 0; uid < mg.n(); uid++) {
                Member m = run.member(mg.hotkeys().get(uid));
                ObjectNode x = ns.addObject();
                x.put("uid", uid);
                x.put("hotkey", mg.hotkeys().get(uid).toSs58());
                x.put("role", m == null ? "unknown" : m.roleName());
                x.put("strategy", m == null ? "" : m.role() == Role.OWNER ? "" : m.label());
                x.put("stake", mg.stake()[uid]);
                x.put("incentive", mg.incentive()[uid]);
                x.put("dividends", mg.dividends()[uid]);
                x.put("emission", mg.emission()[uid]);
                x.put("last_update", mg.lastUpdate()[uid]);
                if (!mg.weights().get(uid).isEmpty()) {
                    ObjectNode w = x.putObject("weights"); // the row on chain: uid -> u16
                    mg.weights().get(uid).forEach(e -> w.put(String.valueOf(e.uid()), e.value()));
                }
            }
        }
        if (d.access != null) {
            root.set("access", d.access.summary());
        }
        ObjectNode perf = root.putObject("performance");
        perf.put("ready_ms", d.readyMillis);
        perf.put("first_epoch_all_subnets_ms", d.firstEpochAllMillis);
        perf.put("peak_rss_mb", d.peakRssKb() / 1024);
        perf.put("total_minted", supply.totalMinted());
        perf.put("total_recycled", supply.totalRecycled());
        perf.put("emitting_blocks", emitting);
        return new Summary(root, supply.totalIssuance(), expected);
    }

    /**
     * Across a halving: Σ over blocks {@code from..n} of the schedule's emission at the issuance before
     * each block's mint, read from the blocks' {@code Minted} events ({@code totalIssuance} after it).
     */
    long scheduledFromEvents(long from, long n) {
        long sum = 0;
        for (long b = Math.max(1, from); b <= n; b++) {
            var hash = d.client.blockHash(b).orElseThrow();
            for (var e : d.client.events(hash).events()) {
                if (e.type().equals("Minted")) {
                    sum += EmissionSchedule.blockEmission(e.longField("totalIssuance") - e.longField("amount"));
                }
            }
        }
        return sum;
    }
}
