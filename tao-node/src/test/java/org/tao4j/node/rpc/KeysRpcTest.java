package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.keys.Proxies;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.ProxyType;

/**
 * {@code tao_getProxies} and {@code tao_getColdkeySwap} (docs/spec/chain.md §10) against an embedded
 * --dev node with instant sealing; the calls go in as encoded, signed extrinsics, so the proxy's
 * nested call goes through the node's decoder too.
 */
class KeysRpcTest {
    static final long TAO = 1_000_000_000L;
    static final org.tao4j.core.account.AccountId FRESH = new org.tao4j.core.account.AccountId(
            new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7
            });
    static Node node;
    static RpcClient rpc;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(0)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Signs {@code call} as {@code who}, submits it encoded and waits until the chain has applied it. */
    static void submit(String who, Call call) throws Exception {
        String address = TestNet.id(who).toSs58();
        long nonce = rpc.result("system_accountNextIndex", address).asLong();
        org.tao4j.runtime.tx.Extrinsic x = org.tao4j.runtime.tx.Extrinsic.sign(
                TestNet.key(who),
                nonce,
                0,
                1_000_000,
                call,
                node.chain().runtime().genesisHash());
        rpc.result("author_submitExtrinsic", Hex.toHex(x.encode()));
        for (int i = 0; i < 400; i++) {
            if (rpc.result("tao_getBalance", address).get("nonce").asLong() > nonce) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(call + " by " + who + " was not applied");
    }

    @Test
    void proxiesAndAnnouncementsAreReadable() throws Exception {
        String alice = TestNet.id("Alice").toSs58();
        submit("Alice", new Call.AddProxy(TestNet.id("Bob"), ProxyType.STAKING, 0));
        submit("Alice", new Call.AddProxy(TestNet.id("Charlie"), ProxyType.ANY, 3));
        Call later = new Call.Transfer(TestNet.id("Charlie"), TAO);
        submit("Charlie", new Call.AnnounceProxy(TestNet.id("Alice"), Proxies.callHash(later)));
        JsonNode p = rpc.result("tao_getProxies", alice);
        assertThat(p.get("proxies")).hasSize(2);
        assertThat(p.get("proxies").get(0).get("delegate").asText())
                .isEqualTo(TestNet.id("Bob").toSs58());
        assertThat(p.get("proxies").get(0).get("type").asText()).isEqualTo("Staking");
        assertThat(p.get("proxies").get(1).get("delay").asLong()).isEqualTo(3);
        JsonNode c = rpc.result("tao_getProxies", TestNet.id("Charlie").toSs58());
        assertThat(c.get("announcements").get(0).get("callHash").asText())
                .isEqualTo(Hex.toHex(Proxies.callHash(later)));
        assertThat(c.get("announcements").get(0).get("real").asText()).isEqualTo(alice);
        // Bob stakes for Alice through the node's decoder
        submit("Alice", new Call.RootRegister(TestNet.id("Eve")));
        submit("Bob", new Call.Proxy(TestNet.id("Alice"), new Call.AddStake(TestNet.id("Eve"), 3 * TAO)));
        JsonNode stake = rpc.result("tao_getStakeForColdkey", alice);
        assertThat(stake.toString()).contains(TestNet.id("Eve").toSs58());
    }

    @Test
    void aPendingColdkeySwapIsReadable() throws Exception {
        String dave = TestNet.id("Dave").toSs58();
        assertThat(rpc.result("tao_getColdkeySwap", dave).get("pending").asBoolean())
                .isFalse();
        submit("Dave", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(FRESH)));
        JsonNode s = rpc.result("tao_getColdkeySwap", dave);
        assertThat(s.get("pending").asBoolean()).isTrue();
        assertThat(s.get("disputed").asBoolean()).isFalse();
        assertThat(s.get("delay").asLong()).isEqualTo(KeySafety.COLDKEY_SWAP_DELAY_DEV);
        assertThat(s.get("executableAt").asLong())
                .isEqualTo(s.get("announcedAt").asLong() + KeySafety.COLDKEY_SWAP_DELAY_DEV);
        assertThat(s.get("newColdkeyHash").asText()).isEqualTo(Hex.toHex(KeySafety.coldkeyHash(FRESH)));
    }

    @Test
    void commitmentsAreReadableWithTheirBlock() throws Exception {
        submit("Ferdie", new Call.RegisterNetwork(TestNet.id("Ferdie")));
        int netuid = -1;
        for (JsonNode sn : rpc.result("tao_getSubnets")) {
            if (TestNet.id("Ferdie").toSs58().equals(sn.path("ownerHotkey").asText())) {
                netuid = sn.get("netuid").asInt();
            }
        }
        assertThat(netuid).isPositive();
        submit(
                "Ferdie",
                new Call.Commit(netuid, "model sha256:00ff".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        JsonNode c = rpc.result("tao_getCommitments", netuid);
        assertThat(c.get("commitments")).hasSize(1);
        JsonNode one = c.get("commitments").get(0);
        assertThat(one.get("hotkey").asText()).isEqualTo(TestNet.id("Ferdie").toSs58());
        assertThat(one.get("uid").asInt()).isZero();
        assertThat(one.get("text").asText()).isEqualTo("model sha256:00ff");
        assertThat(one.get("block").asLong()).isPositive();
        assertThat(rpc.result("tao_getCommitments", netuid, TestNet.id("Bob").toSs58())
                        .get("commitments"))
                .isEmpty();
    }

    @Test
    void identitiesAreReadableAndNamesShowInSubnetsAndTheMetagraph() throws Exception {
        String bob = TestNet.id("Bob").toSs58();
        assertThat(rpc.result("tao_getIdentity", bob).get("identity").isNull()).isTrue();
        submit(
                "Bob",
                new Call.SetIdentity(new Call.Identity("Bob’s lab", "https://bob.example", "bob/lab", "", "", "")));
        JsonNode id = rpc.result("tao_getIdentity", bob);
        assertThat(id.get("address").asText()).isEqualTo(bob);
        assertThat(id.get("identity").get("name").asText()).isEqualTo("Bob’s lab");
        assertThat(id.get("identity").get("github").asText()).isEqualTo("bob/lab");
        assertThat(id.get("identity").get("discord").asText()).isEmpty();

        submit("Bob", new Call.RegisterNetwork(TestNet.id("Bob")));
        int netuid = -1;
        for (JsonNode sn : rpc.result("tao_getSubnets")) {
            if (TestNet.id("Bob").toSs58().equals(sn.path("ownerHotkey").asText())) {
                netuid = sn.get("netuid").asInt();
                assertThat(sn.get("name").isNull()).isTrue();
            }
        }
        assertThat(netuid).isPositive();
        assertThat(rpc.result("tao_getSubnetIdentity", netuid).get("identity").isNull())
                .isTrue();
        submit("Bob", new Call.SetSubnetIdentity(netuid, new Call.Identity("Bob's subnet", "", "", "", "", "tests")));
        JsonNode sid = rpc.result("tao_getSubnetIdentity", netuid);
        assertThat(sid.get("netuid").asInt()).isEqualTo(netuid);
        assertThat(sid.get("identity").get("description").asText()).isEqualTo("tests");
        for (JsonNode sn : rpc.result("tao_getSubnets")) {
            if (sn.get("netuid").asInt() == netuid) {
                assertThat(sn.get("name").asText()).isEqualTo("Bob's subnet");
            }
        }
        // the metagraph's names column: uid 0 is Bob's hotkey, owned by Bob
        JsonNode mg = rpc.result("tao_getMetagraph", netuid, "hotkeys,names");
        assertThat(mg.get("names").get(0).asText()).isEqualTo("Bob’s lab");
        assertThat(rpc.result("tao_getNeuron", netuid, 0).get("name").asText()).isEqualTo("Bob’s lab");
        // refusals: no subnet, a bad address
        assertThat(rpc.call("tao_getSubnetIdentity", 999)
                        .get("error")
                        .get("message")
                        .asText())
                .contains("does not exist");
        assertThat(rpc.call("tao_getIdentity", "5nope").has("error")).isTrue();
    }
}
