package org.tao4j.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.combine.AnswerCombiner;
import org.tao4j.sdk.combine.AnswerCombiner.Combined;
import org.tao4j.sdk.combine.AnswerCombiner.WeightedAnswer;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;

/**
 * One client query's conversation with the miners: the top-K picked for it, every round asked of
 * all of them at once with the SDK's dendrite, each round's answers combined with the subnet's
 * {@link AnswerCombiner} (weights = incentive), and what happened, per miner, for the provenance.
 * Used by one request thread only.
 */
final class Fanout {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A miner picked for this query. */
    record Pick(int uid, AccountId hotkey, int incentive, AxonEndpoint endpoint) {}

    private static final class Tally {
        int asked;
        int answered;
        int used;
        long latencyNanos;
        String lastOutcome = "not_asked";
    }

    private final Dendrite dendrite;
    private final List<Pick> picks;
    private final Duration timeout;
    private final long block;
    private final Tally[] tallies;
    private final Set<Integer> used = new LinkedHashSet<>();
    private final long deadline;

    Fanout(Dendrite dendrite, List<Pick> picks, Duration timeout, Duration total, long block) {
        this.dendrite = dendrite;
        this.picks = List.copyOf(picks);
        this.timeout = timeout;
        this.block = block;
        this.tallies = new Tally[picks.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally();
        }
        this.deadline = System.nanoTime() + total.toNanos();
    }

    List<Pick> picks() {
        return picks;
    }

    /** Asks every picked miner; the combination of the answers, or empty if none was usable or time is up. */
    <Q, R> Optional<Combined<R>> ask(Synapse<Q, R> synapse, Q request, AnswerCombiner<Q, R> combiner) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || picks.isEmpty()) {
            return Optional.empty();
        }
        Duration t = Duration.ofNanos(Math.min(left, timeout.toNanos()));
        List<AxonEndpoint> axons = picks.stream().map(Pick::endpoint).toList();
        List<AxonResult<R>> results = dendrite.query(axons, synapse, request, t).join();
        List<WeightedAnswer<R>> answers = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            AxonResult<R> r = results.get(i);
            Tally tally = tallies[i];
            tally.asked++;
            tally.lastOutcome = r.outcome().name().toLowerCase(java.util.Locale.ROOT);
            if (r.ok() && r.response() != null) {
                tally.answered++;
                tally.latencyNanos += r.latency().toNanos();
                answers.add(
                        new WeightedAnswer<>(picks.get(i).uid(), picks.get(i).incentive(), r.response()));
            }
        }
        Optional<Combined<R>> c = combiner.combine(request, answers);
        c.ifPresent(combined -> {
            for (int uid : combined.used()) {
                used.add(uid);
                for (int i = 0; i < picks.size(); i++) {
                    if (picks.get(i).uid() == uid) {
                        tallies[i].used++;
                    }
                }
            }
        });
        return c;
    }

    /** The provenance: the miners asked, their incentive, latency and outcome, and which were used. */
    ObjectNode provenance() {
        ObjectNode p = JSON.createObjectNode();
        p.put("metagraph_block", block);
        ArrayNode miners = p.putArray("miners");
        for (int i = 0; i < picks.size(); i++) {
            Pick pick = picks.get(i);
            Tally t = tallies[i];
            ObjectNode m = miners.addObject();
            m.put("uid", pick.uid());
            m.put("hotkey", pick.hotkey().toSs58());
            m.put("incentive", pick.incentive());
            m.put("asked", t.asked);
            m.put("answered", t.answered);
            if (t.answered > 0) {
                m.put("latency_ms", Math.round(t.latencyNanos / 1e4 / t.answered) / 100.0);
            } else {
                m.putNull("latency_ms");
            }
            m.put("outcome", t.lastOutcome);
            m.put("used", t.used > 0);
        }
        ArrayNode u = p.putArray("used");
        used.forEach(u::add);
        return p;
    }
}
