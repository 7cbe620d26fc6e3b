package org.tao4j.devnet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tao4j.client.TaoClient;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.core.account.AccountId;
import org.tao4j.devnet.Devnet.DevnetException;
import org.tao4j.devnet.Devnet.Member;
import org.tao4j.devnet.Devnet.Role;
import org.tao4j.devnet.Devnet.SubnetRun;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeStartException;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.neuron.Miner;
import org.tao4j.sdk.neuron.NeuronConfig;
import org.tao4j.sdk.neuron.Validator;

/**
 * The devnet's first and third phases: the embedded dev node and its client, the models trained while
 * the chain is set up, and the miners and validators started once their registrations are final.
 */
final class DevnetBootstrap {
    /** How often the neurons re-read the metagraph, in blocks. */
    static final int METAGRAPH_REFRESH_BLOCKS = 2;

    private final Devnet d;

    DevnetBootstrap(Devnet d) {
        this.d = d;
    }

    /** Starts the dev node in {@code base} and connects the devnet's client to it, following new heads. */
    void startNode(Path base) {
        try {
            d.node = Node.start(NodeConfig.forDev()
                    .withBasePath(base.resolve("node"))
                    .withBlockTime(d.options.blockTime())
                    .withRpc(d.options.rpcPort(), false)
                    .withMetricsPort(d.options.metricsPort())
                    .withSyncWrites(false));
        } catch (NodeStartException e) {
            throw new DevnetException("the dev node did not start: " + e.getMessage(), e);
        }
        d.client = TaoClient.connect(URI.create("ws://127.0.0.1:" + d.node.rpcPort()));
        d.head.set(d.client.head().number());
        d.heads = d.client.subscribeNewHeads(h -> d.head.accumulateAndGet(h.number(), Math::max));
    }

    Map<Member, Object> buildHandlers() {
        Map<Member, Object> out = new HashMap<>();
        long seed = 1;
        for (SubnetRun s : d.subnets) {
            for (Member m : s.members) {
                seed++;
                if (m.role() == Role.MINER) {
                    out.put(m, s.definition.minerHandler(m.strategy(), seed));
                } else if (m.role() == Role.VALIDATOR) {
                    out.put(m, s.definition.validatorLogic(seed * 7919));
                }
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void startNeurons(SubnetRun s, Map<Member, Object> handlers) {
        Path dir = d.options.basePath().resolve("neurons").resolve(s.name);
        for (int i = 0; i < s.members.size(); i++) {
            Member m = s.members.get(i);
            if (m.role() != Role.MINER) {
                continue;
            }
            NeuronConfig c = config(s, dir.resolve("miner-" + i));
            s.miners.add(Miner.builder(c, m.hotkey(), new RpcSubnetChain(d.client, m.hotkey()))
                    .serve((org.tao4j.sdk.Synapse) s.definition.synapse(), (org.tao4j.sdk.axon.SynapseHandler)
                            handlers.get(m))
                    .start());
        }
        awaitAxons(s);
        awaitPermits(s);
        for (int i = 0; i < s.members.size(); i++) {
            Member m = s.members.get(i);
            NeuronConfig c = config(s, dir.resolve("validator-" + i));
            if (m.role() == Role.VALIDATOR) {
                s.validators.add(Validator.builder(c, m.hotkey(), new RpcSubnetChain(d.client, m.hotkey()))
                        .query((org.tao4j.sdk.Synapse) s.definition.synapse(), (org.tao4j.sdk.neuron.ValidatorLogic)
                                handlers.get(m))
                        .samplingSeed(i)
                        .start());
            } else if (m.role() == Role.COPIER) {
                s.validators.add(Validator.weightCopier(c, m.hotkey(), new RpcSubnetChain(d.client, m.hotkey())));
            }
        }
        d.log("subnet " + s.netuid + " '" + s.name + "': " + s.miners.size() + " miners serving on loopback, "
                + s.validators.size() + " validators querying");
    }

    /**
     * Waits until every miner's axon is on chain at the port it listens on, so that the validators'
     * first rounds query every miner. A miner that joins the rounds late starts its moving average
     * late, and with commit-reveal those early, lopsided weights are revealed epochs later.
     */
    void awaitAxons(SubnetRun s) {
        pollUntil(Duration.ofSeconds(60), "the miners of subnet " + s.netuid + " to serve their axons", () -> {
            MetagraphView mg = d.client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.AXONS));
            for (Miner miner : s.miners) {
                int uid = mg.hotkeys().indexOf(miner.hotkey());
                org.tao4j.client.model.Axon a = uid < 0 ? null : mg.axons().get(uid);
                if (a == null || a.port() != miner.port()) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Waits until every validator of the subnet holds a validator permit (given at the first epoch
     * after it staked), and then until the miners' metagraphs have refreshed past that block. A miner
     * answers only callers with a permit; a validator that started earlier would score the miners
     * that had not yet seen its permit as silent (0), and under commit-reveal those lopsided first
     * weights are revealed, and copied, epochs later.
     */
    void awaitPermits(SubnetRun s) {
        List<AccountId> validators = s.members.stream()
                .filter(m -> m.role() == Role.VALIDATOR || m.role() == Role.COPIER)
                .map(Member::hotkeyId)
                .toList();
        Duration timeout = Duration.ofMillis(Math.max(
                60_000, 4L * (d.options.tempo() + 1) * d.options.blockTime().toMillis()));
        long[] permittedAt = {-1};
        pollUntil(timeout, "the validators of subnet " + s.netuid + " to get validator permits", () -> {
            MetagraphView mg =
                    d.client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.VALIDATOR_PERMIT));
            if (permittedAt[0] < 0
                    && validators.stream().allMatch(v -> {
                        int uid = mg.hotkeys().indexOf(v);
                        return uid >= 0 && mg.validatorPermit()[uid];
                    })) {
                permittedAt[0] = mg.blockNumber();
            }
            return permittedAt[0] >= 0 && mg.blockNumber() >= permittedAt[0] + 2L * METAGRAPH_REFRESH_BLOCKS + 1;
        });
    }

    /** Polls {@code done} every half block until it holds; a DevnetException after {@code timeout}. */
    void pollUntil(Duration timeout, String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DevnetException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(Math.max(20, d.options.blockTime().toMillis() / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevnetException("interrupted while waiting for " + what);
            }
        }
    }

    NeuronConfig config(SubnetRun s, Path dir) {
        return NeuronConfig.builder()
                .netuid(s.netuid)
                .axonIp("127.0.0.1")
                .axonPort(0)
                .movingAverageAlpha(0.1)
                .metagraphRefreshBlocks(METAGRAPH_REFRESH_BLOCKS)
                .queryTimeout(Duration.ofSeconds(3))
                .neuronDir(dir)
                .build();
    }
}
