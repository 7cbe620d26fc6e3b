package org.tao4j.devnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.Supply;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.devnet.Devnet.Snapshot;
import org.tao4j.devnet.Devnet.SubnetRun;
import org.tao4j.devnet.Devnet.SubnetState;

/**
 * The devnet's running phase: every block time it reads the chain (supply, each subnet and its
 * metagraph), notes the first epoch of every subnet and the peak memory, and redraws the live view.
 */
final class EpochWatch {
    private final Devnet d;

    EpochWatch(Devnet d) {
        this.d = d;
    }

    void tick() {
        try {
            long rss = Devnet.rssKb();
            d.peakRssKb.accumulateAndGet(rss, Math::max);
            if (d.firstEpochAllMillis < 0) {
                boolean all = true;
                for (SubnetRun s : d.subnets) {
                    if (s.epochs() >= 1 && s.firstEpochMillis < 0) {
                        s.firstEpochMillis = d.elapsedMillis();
                    }
                    all &= s.firstEpochMillis >= 0;
                }
                if (all) {
                    d.firstEpochAllMillis = d.subnets.stream()
                            .mapToLong(s -> s.firstEpochMillis)
                            .max()
                            .orElse(0);
                    d.log(String.format(
                            "first epoch of every subnet %.1f s after start", d.firstEpochAllMillis / 1000.0));
                }
            }
            d.liveView.render(snapshot());
        } catch (RuntimeException e) {
            if (!d.closed.get()) {
                LoggerFactory.getLogger(EpochWatch.class).debug("view refresh failed", e);
            }
        }
    }

    /** What the live view and the summary show, read from the chain. */
    Snapshot snapshot() {
        Supply supply = d.client.supply();
        List<SubnetState> states = new ArrayList<>();
        for (SubnetRun s : d.subnets) {
            states.add(new SubnetState(
                    s,
                    d.client.subnet(s.netuid).orElseThrow(),
                    d.client.metagraph(
                            s.netuid,
                            EnumSet.of(
                                    MetagraphField.HOTKEYS,
                                    MetagraphField.STAKE,
                                    MetagraphField.INCENTIVE,
                                    MetagraphField.DIVIDENDS,
                                    MetagraphField.EMISSION,
                                    MetagraphField.VALIDATOR_PERMIT,
                                    MetagraphField.LAST_UPDATE,
                                    MetagraphField.AXONS,
                                    MetagraphField.WEIGHTS))));
        }
        return new Snapshot(
                supply.blockNumber(), supply, EmissionSchedule.blockEmission(supply.totalIssuance()), states);
    }

    /** Waits until every subnet has run {@code n} epochs since its neurons started; false on timeout. */
    boolean awaitEpochs(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (d.subnets.stream().anyMatch(s -> s.epochs() < n)) {
            if (System.nanoTime() > deadline || d.closed.get()) {
                return false;
            }
            Thread.sleep(50);
        }
        // the epoch's results are in the block that ran it: give the view one more refresh
        Thread.sleep(Math.min(500, d.options.blockTime().toMillis()));
        return true;
    }
}
