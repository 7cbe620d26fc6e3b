package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.client.TaoClient;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.ProxyType;
import org.tao4j.sdk.chain.Commitment;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * The SDK's chain seam against a real dev node (docs/keys-and-proxies.md): a neuron on a proxy key
 * ({@code --proxy-for}) sets weights and commits as the registered hotkey, and a validator reads
 * every commitment of its subnet in one call. Real signatures, real RPC, real blocks.
 */
class SdkProxyAndCommitmentsTest {
    static Node node;
    static TaoClient client;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(0)
                .withBlockTime(Duration.ofMillis(100)));
        client = TaoClient.connect(URI.create("ws://127.0.0.1:" + node.rpcPort()));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    static void ok(Ed25519.KeyPair signer, Call call) {
        TxResult r = RpcSubnetChain.submit(client, signer, call);
        assertThat(r.ok()).as("%s: %s", call, r.describe()).isTrue();
    }

    @Test
    void aValidatorOnAProxyKeySetsWeightsAndCommitsAsTheRealHotkey() {
        Ed25519.KeyPair owner = DevAccounts.keyPair("Alice");
        Ed25519.KeyPair real = DevAccounts.keyPair("Dave"); // the registered hotkey: stays off the machine
        Ed25519.KeyPair delegate = DevAccounts.keyPair("Eve"); // the key the validator machine holds
        AccountId realId = AccountId.of(real.publicKey());
        ok(owner, new Call.RegisterNetwork(realId));
        int netuid = client.subnets().stream()
                .filter(s -> realId.equals(s.ownerHotkey()))
                .findFirst()
                .orElseThrow()
                .netuid();
        // the hotkey (the real account of weights) grants the delegate a Weights proxy
        ok(real, new Call.AddProxy(AccountId.of(delegate.publicKey()), ProxyType.WEIGHTS, 0));

        try (RpcSubnetChain chain = new RpcSubnetChain(client, delegate, realId)) {
            assertThat(chain.hotkey()).isEqualTo(realId);
            Metagraph mg = chain.sync(netuid, EnumSet.of(Metagraph.Field.LAST_UPDATE));
            int uid = mg.uidOf(realId);
            assertThat(uid).isZero();
            long before = mg.lastUpdate(uid);
            waitUntilBlock(
                    before + client.subnet(netuid).orElseThrow().hyperparams().weightsSetRateLimit() + 1);
            TxResult w = chain.setWeights(netuid, new int[] {uid}, new int[] {65535}, 0);
            assertThat(w.ok()).as(w.describe()).isTrue();
            Metagraph after = chain.sync(netuid, EnumSet.of(Metagraph.Field.LAST_UPDATE, Metagraph.Field.WEIGHTS));
            assertThat(after.lastUpdate(uid)).isGreaterThan(before);
            assertThat(after.weights(uid).values()).containsExactly(65535);

            // a commitment through the proxy is the real hotkey's; a validator reads them all in one call
            TxResult c = chain.commit(netuid, "sha256:feed".getBytes(StandardCharsets.UTF_8));
            // Commit is not a Weights call: the proxy type filters it
            assertThat(c.error()).isEqualTo("ProxyCallFiltered");
        }
        ok(real, new Call.Commit(netuid, "sha256:feed".getBytes(StandardCharsets.UTF_8)));
        try (RpcSubnetChain reader = new RpcSubnetChain(client, DevAccounts.keyPair("Ferdie"))) {
            List<Commitment> all = reader.commitments(netuid);
            assertThat(all).hasSize(1);
            assertThat(all.get(0).hotkey()).isEqualTo(realId);
            assertThat(all.get(0).uid()).isZero();
            assertThat(all.get(0).text()).isEqualTo("sha256:feed");
            assertThat(all.get(0).block()).isPositive();
            // a key with no proxy for the real account is refused by the chain
            try (RpcSubnetChain stranger =
                    new RpcSubnetChain(client, DevAccounts.keyPair("Ferdie"), AccountId.of(owner.publicKey()))) {
                assertThat(stranger.setWeights(netuid, new int[] {0}, new int[] {1}, 0)
                                .error())
                        .isEqualTo("NotProxy");
            }
        }
    }

    @Test
    void anAnyProxyCommitsForTheHotkey() {
        Ed25519.KeyPair owner = DevAccounts.keyPair("Bob");
        Ed25519.KeyPair real = DevAccounts.keyPair("Charlie");
        Ed25519.KeyPair delegate = DevAccounts.keyPair("Ferdie");
        AccountId realId = AccountId.of(real.publicKey());
        ok(owner, new Call.RegisterNetwork(realId));
        int netuid = client.subnets().stream()
                .filter(s -> realId.equals(s.ownerHotkey()))
                .findFirst()
                .orElseThrow()
                .netuid();
        ok(real, new Call.AddProxy(AccountId.of(delegate.publicKey()), ProxyType.ANY, 0));
        try (RpcSubnetChain chain = new RpcSubnetChain(client, delegate, realId)) {
            TxResult c = chain.commit(netuid, "addr:10.0.0.7:8091".getBytes(StandardCharsets.UTF_8));
            assertThat(c.ok()).as(c.describe()).isTrue();
            List<Commitment> all = chain.commitments(netuid);
            assertThat(all).extracting(Commitment::hotkey).containsExactly(realId);
            assertThat(all.get(0).text()).isEqualTo("addr:10.0.0.7:8091");
        }
    }

    static void waitUntilBlock(long block) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.head().number() < block) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("block " + block + " not reached");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
