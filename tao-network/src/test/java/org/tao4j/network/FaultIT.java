package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Jepsen-style: 3 authority processes; a workload submits signed transfers through random nodes while a
 * seeded nemesis {@code kill -9}s the leader 5 times and a follower 5 times at random points, restarting
 * each. Then: the same block hash at every height up to the lowest finalized head on every node; every
 * transfer at most once in the chain; each account's nonces without gaps; issuance = endowments − fees
 * (the chain has no subnet, so nothing is minted). A failure prints the seed and the nemesis's history.
 * {@code -Dtao4j.fault.seed=N} replays a seed, {@code -Dtao4j.fault.kills=K} sets K of each kind.
 */
class FaultIT {

    static final long SEED = Long.getLong("tao4j.fault.seed", 20_261_208L);
    static final int KILLS = Integer.getInteger("tao4j.fault.kills", 5);

    private final List<String> history = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> acked = new ConcurrentHashMap<>(); // tx hash -> signer
    private final long t0 = System.nanoTime();

    private void log(String what) {
        history.add(String.format("%7.1fs %s", (System.nanoTime() - t0) / 1e9, what));
    }

    @Test
    void survivesSeededKillsOfLeaderAndFollowers() throws Exception {
        try (Localnet net = NetTests.localnet("fault", 3, 0)) {
            try {
                run(net);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(
                        "fault test failed with seed " + SEED + " (replay: -Dtao4j.fault.seed=" + SEED
                                + "); nemesis history:\n  " + String.join("\n  ", history) + "\n" + e.getMessage(),
                        e);
            }
        }
    }

    private void run(Localnet net) throws Exception {
        Random rnd = new Random(SEED);
        net.startAll();
        List<Rpc> rpcs = NetTests.rpcs(net);
        NetTests.awaitFinalized(net, rpcs, 3, Duration.ofSeconds(120));
        log("network up");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger submitted = new AtomicInteger();
        long workloadSeed = rnd.nextLong();
        Thread workload =
                Thread.ofPlatform().start(() -> workload(net, rpcs, new Random(workloadSeed), stop, submitted));
        List<Boolean> plan = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            plan.add(true);
            plan.add(false);
        }
        Collections.shuffle(plan, rnd);
        try {
            for (boolean killLeader : plan) {
                Thread.sleep(1_000 + rnd.nextInt(3_000));
                int leader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(60));
                int victim = leader;
                if (!killLeader) {
                    List<Integer> followers = new ArrayList<>(List.of(0, 1, 2));
                    followers.remove(Integer.valueOf(leader));
                    victim = followers.get(rnd.nextInt(followers.size()));
                }
                Localnet.NodeProc p = net.nodes().get(victim);
                long finBefore = rpcs.get(leader)
                        .result("tao_consensusStatus")
                        .get("finalized")
                        .asLong();
                net.kill(p);
                log("kill -9 " + (killLeader ? "leader " : "follower ") + p.name + " (finalized #" + finBefore + ")");
                Thread.sleep(500 + rnd.nextInt(2_500));
                net.start(p);
                log("restart " + p.name);
                // the next fault waits until the network finalizes again with all three up
                NetTests.awaitFinalized(net, rpcs, finBefore + 2, Duration.ofSeconds(120));
                log("all three finalized past #" + (finBefore + 2));
            }
        } finally {
            stop.set(true);
            workload.join(30_000);
        }
        log("workload stopped after " + submitted.get() + " acknowledged transfers");
        long best = 0;
        for (Rpc r : rpcs) {
            best = Math.max(best, r.result("tao_consensusStatus").get("best").asLong());
        }
        NetTests.awaitFinalized(net, rpcs, best, Duration.ofSeconds(120));
        long fin = NetTests.sameChainUpToFinalized(rpcs);
        log("same chain on all three up to #" + fin);
        check(rpcs.get(0), fin, net.spec());
    }

    /** Transfers between the dev accounts, each through a random running node. */
    private void workload(Localnet net, List<Rpc> rpcs, Random r, AtomicBoolean stop, AtomicInteger submitted) {
        Map<String, Long> nonces = new HashMap<>();
        while (!stop.get()) {
            int i = r.nextInt(rpcs.size());
            String from = DevAccounts.NAMES.get(r.nextInt(DevAccounts.NAMES.size()));
            String to = DevAccounts.NAMES.get(r.nextInt(DevAccounts.NAMES.size()));
            try {
                if (!net.nodes().get(i).alive() || from.equals(to)) {
                    Thread.sleep(20);
                    continue;
                }
                Rpc rpc = rpcs.get(i);
                Long nonce = nonces.get(from);
                if (nonce == null) {
                    nonce = rpc.result(
                                    "system_accountNextIndex",
                                    DevAccounts.account(from).toSs58())
                            .asLong();
                }
                byte[] tx = NetTests.transfer(rpc, from, to, nonce, (1 + r.nextInt(100)) * 1_000_000L);
                JsonNode resp = rpc.call("author_submitExtrinsic", Hex.toHex(tx));
                if (resp.has("result")) {
                    acked.put(resp.get("result").asText(), from);
                    nonces.put(from, nonce + 1);
                    submitted.incrementAndGet();
                } else {
                    nonces.remove(from);
                }
                Thread.sleep(r.nextInt(60));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                nonces.remove(from); // the node died under the request
            }
        }
    }

    /** Every transfer at most once, nonces without gaps, issuance = endowments − fees. */
    private void check(Rpc rpc, long fin, ChainSpec spec) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Long> nextNonce = new HashMap<>();
        long fees = 0;
        ChainParams params = spec.params();
        String finHash = null;
        for (long n = 1; n <= fin; n++) {
            String hash = rpc.result("chain_getBlockHash", n).asText();
            finHash = hash;
            JsonNode b = rpc.result("chain_getBlock", hash);
            for (JsonNode x : b.at("/block/extrinsics")) {
                byte[] raw = Hex.fromHex(x.asText());
                String h = Hex.toHex(Blake2b.hash256(raw));
                seen.merge(h, 1, Integer::sum);
                Extrinsic e = Extrinsic.decode(raw);
                fees += Runtime.fee(params, e);
                String who = e.signer().toSs58();
                long expect = nextNonce.getOrDefault(who, 0L);
                assertThat(e.nonce()).as("nonce of %s in block #%d", who, n).isEqualTo(expect);
                nextNonce.put(who, expect + 1);
            }
        }
        seen.forEach(
                (h, c) -> assertThat(c).as("transaction %s in the chain", h).isEqualTo(1));
        long included = acked.keySet().stream().filter(seen::containsKey).count();
        log(included + " of " + acked.size() + " acknowledged transfers are in the finalized chain");
        assertThat(included).as("acknowledged transfers included").isGreaterThan(0);
        JsonNode supply = rpc.result("tao_getSupply", finHash);
        assertThat(supply.get("invariantHolds").asBoolean()).as("%s", supply).isTrue();
        assertThat(supply.get("totalIssuance").asLong())
                .as("issuance = endowments - fees")
                .isEqualTo(DevAccounts.NAMES.size() * ChainSpec.DEV_ENDOWMENT - fees);
        System.out.println("fault test (seed " + SEED + "):\n  " + String.join("\n  ", history));
    }
}
