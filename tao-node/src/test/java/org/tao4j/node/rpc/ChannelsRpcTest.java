package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.channels.Voucher;
import org.tao4j.runtime.tx.Call;

/**
 * {@code tao_getChannel} and {@code tao_getChannels} (docs/spec/chain.md §12) against an embedded --dev node
 * with instant sealing: channels opened and claimed with encoded, signed extrinsics; the voucher signed for
 * the node's genesis hash.
 */
class ChannelsRpcTest {
    static final long TAO = 1_000_000_000L;
    static Node node;
    static RpcClient rpc;
    static int netuid;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(0)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
        KeysRpcTest.node = node;
        KeysRpcTest.rpc = rpc;
        KeysRpcTest.submit("Alice", new Call.RegisterNetwork(TestNet.id("Eve")));
        for (JsonNode sn : rpc.result("tao_getSubnets")) {
            if (sn.get("ownerHotkey").asText().equals(TestNet.id("Eve").toSs58())) {
                netuid = sn.get("netuid").asInt();
            }
        }
        assertThat(netuid).isPositive();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static long head() throws Exception {
        return rpc.result("chain_getHeader").get("number").asLong();
    }

    @Test
    void channelsAreReadableOneByOneAndByAccountInPages() throws Exception {
        long counter0 = 0;
        List<H256> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeysRpcTest.submit("Bob", new Call.OpenChannel(TestNet.id("Eve"), netuid, (i + 1) * TAO, head() + 50));
            ids.add(Voucher.channelId(TestNet.id("Bob"), TestNet.id("Eve"), counter0 + i));
        }
        H256 first = ids.get(0);
        byte[] sig = Voucher.sign(TestNet.key("Bob"), node.chain().runtime().genesisHash(), first, TAO / 4);
        KeysRpcTest.submit("Eve", new Call.ClaimChannel(first, TAO / 4, sig));

        JsonNode ch = rpc.result("tao_getChannel", first.toHex());
        assertThat(ch.get("id").asText()).isEqualTo(first.toHex());
        assertThat(ch.get("client").asText()).isEqualTo(TestNet.id("Bob").toSs58());
        assertThat(ch.get("gateway").asText()).isEqualTo(TestNet.id("Eve").toSs58());
        assertThat(ch.get("gatewayColdkey").asText())
                .isEqualTo(TestNet.id("Alice").toSs58());
        assertThat(ch.get("netuid").asInt()).isEqualTo(netuid);
        assertThat(ch.get("deposit").asLong()).isEqualTo(TAO);
        assertThat(ch.get("claimed").asLong()).isEqualTo(TAO / 4);
        assertThat(ch.get("claimDeadline").asLong())
                .isGreaterThan(ch.get("expiresAt").asLong());
        assertThat(ch.get("closed").asBoolean()).isFalse();

        // unknown: null; malformed: an error naming the parameter
        assertThat(rpc.result("tao_getChannel", Hex.toHex(new byte[32])).isNull())
                .isTrue();
        JsonNode bad = rpc.call("tao_getChannel", "0x1234");
        assertThat(bad.get("error").get("message").asText()).contains("id");

        // by client and by gateway, in id order, paged with a cursor
        String bob = TestNet.id("Bob").toSs58();
        JsonNode all = rpc.result("tao_getChannels", bob);
        assertThat(all).hasSize(3);
        assertThat(rpc.result("tao_getChannels", TestNet.id("Eve").toSs58())).hasSize(3);
        assertThat(rpc.result("tao_getChannels", TestNet.id("Ferdie").toSs58())).isEmpty();
        JsonNode page1 = rpc.result("tao_getChannels", bob, null, 2);
        assertThat(page1).hasSize(2);
        JsonNode page2 =
                rpc.result("tao_getChannels", bob, page1.get(1).get("id").asText(), 2);
        assertThat(page2).hasSize(1);
        List<String> seen = new ArrayList<>();
        page1.forEach(c -> seen.add(c.get("id").asText()));
        page2.forEach(c -> seen.add(c.get("id").asText()));
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(H256::toHex).toList());
        assertThat(seen).isSorted();
        assertThat(rpc.call("tao_getChannels", bob, null, 1001).get("error")).isNotNull();

        // the supply invariant counts what channels hold
        JsonNode supply = rpc.result("tao_getSupply");
        assertThat(supply.get("channels").asLong()).isEqualTo(6 * TAO - TAO / 4);
        assertThat(supply.get("invariantHolds").asBoolean()).isTrue();
    }
}
