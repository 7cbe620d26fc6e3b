package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;
import org.tao4j.node.chain.DevAccounts;

/** Many concurrent calls on one WebSocket to a real node (which answers them concurrently, out of order). */
class ConcurrencyTest {

    @Test
    void theNodeAnswersPingsSoAnIdleConnectionStays() throws Exception {
        java.util.List<ConnectionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClientOptions o = TestNodes.fastOptions().withPingInterval(java.time.Duration.ofMillis(250));
        try (Node node = TestNodes.instant();
                TaoClient c = TaoClient.connect(TestNodes.ws(node), o, events::add)) {
            Thread.sleep(2_000); // about four pings, each answered
            assertThat(c.systemChain()).isEqualTo("Development");
            assertThat(events).hasSize(1).allMatch(e -> e instanceof ConnectionEvent.Connected);
        }
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
        try (Node node = TestNodes.instant();
                TaoClient c = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions())) {
            H256 genesis = c.genesisHash();
            List<CompletableFuture<JsonNode>> fs = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                switch (i % 4) {
                    case 0 -> {
                        fs.add(c.callAsync("chain_getBlockHash", 0L));
                        expected.add(genesis.toHex());
                    }
                    case 1 -> {
                        AccountId a = DevAccounts.account(DevAccounts.NAMES.get(i % 6));
                        fs.add(c.callAsync("tao_getBalance", a));
                        expected.add(a.toSs58());
                    }
                    case 2 -> {
                        fs.add(c.callAsync("tao_getNeuron", 7, i));
                        expected.add(-32602);
                    }
                    default -> {
                        fs.add(c.callAsync("chain_getBlockHash", 1_000_000L + i));
                        expected.add(null);
                    }
                }
            }
            // from many threads at once, too
            List<CompletableFuture<Long>> nonces = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                String name = DevAccounts.NAMES.get(t % 6);
                nonces.add(CompletableFuture.supplyAsync(() -> c.nextNonce(DevAccounts.account(name))));
            }
            for (int i = 0; i < fs.size(); i++) {
                Object want = expected.get(i);
                CompletableFuture<JsonNode> f = fs.get(i);
                if (want instanceof Integer code) {
                    assertThat(f)
                            .failsWithin(20, TimeUnit.SECONDS)
                            .withThrowableThat()
                            .havingCause()
                            .isInstanceOfSatisfying(
                                    RpcException.class,
                                    e -> assertThat(e.code()).isEqualTo(code));
                } else {
                    JsonNode r = f.get(20, TimeUnit.SECONDS);
                    switch (i % 4) {
                        case 0 -> assertThat(r.asText()).isEqualTo(want);
                        case 1 -> assertThat(r.get("address").asText()).isEqualTo(want);
                        default -> assertThat(r.isNull()).isTrue();
                    }
                }
            }
            for (CompletableFuture<Long> n : nonces) {
                assertThat(n.get(20, TimeUnit.SECONDS)).isZero();
            }
        }
    }
}
