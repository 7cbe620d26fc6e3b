package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.production.ImportedBlock;

/** Each subscription sees heads in increasing order, each once, with none lost around the subscribe. */
class NewHeadsTest {
    @Test
    void aBlockImportedWhileSubscribingIsNeitherLostNorRepeated() {
        NewHeads heads = new NewHeads(Runnable::run);
        Session s = new Session();
        // the head is read after the subscriber is registered: here block 6 was imported in between,
        // and its notification went out before the (older) head the subscribe had read
        heads.subscribe(s, "a", () -> {
            heads.onBlock(imported(6));
            return header(5);
        });
        heads.onBlock(imported(6)); // a repeat is not sent again
        heads.onBlock(imported(7));
        assertThat(s.numbers()).containsExactly(6L, 7L);
    }

    @Test
    void theCurrentHeadComesFirstThenEveryNewBlock() {
        NewHeads heads = new NewHeads(Runnable::run);
        Session s = new Session();
        heads.subscribe(s, "b", () -> header(3));
        heads.onBlock(imported(4));
        heads.onBlock(imported(5));
        assertThat(s.numbers()).containsExactly(3L, 4L, 5L);
        s.open = false;
        heads.onBlock(imported(6));
        assertThat(heads.size()).isZero();
        assertThat(s.numbers()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void productionOnlyEnqueuesAndNeverWaitsForASubscriber() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Fanout fanout = new Fanout("test-fanout", 4)) {
            NewHeads heads = new NewHeads(fanout);
            Session stuck = new Session() {
                @Override
                public void send(String text) {
                    super.send(text);
                    if (sent.size() == 2) { // the first new head: block the fan-out thread
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            heads.subscribe(stuck, "s", () -> header(1));
            // the fan-out thread blocks on #2; #3..#6 fill the queue of 4; #7..#20 are refused, not waited for
            long deadline = System.nanoTime() + 20_000_000_000L;
            heads.onBlock(imported(2));
            while (stuck.sent.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (long n = 3; n <= 20; n++) {
                heads.onBlock(imported(n));
            }
            assertThat(heads.skipped()).isEqualTo(14);
            release.countDown();
            while (fanout.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            heads.onBlock(imported(21));
            while (!stuck.numbers().contains(21L) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // increasing, each once; the refused ones are simply not sent
            List<Long> got = stuck.numbers();
            assertThat(got).startsWith(1L, 2L).contains(21L).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void theNotificationTextIsWhatJacksonWrites() {
        var h = Json.header(header(42));
        assertThat(NewHeads.notification("17", h.toString()))
                .isEqualTo(JsonRpcDispatcher.notification("chain_newHead", "17", h));
    }

    private static BlockHeader header(long n) {
        return new BlockHeader(H256.ZERO, n, H256.ZERO, H256.ZERO, 0, AccountId.fromHex("00".repeat(32)));
    }

    private static ImportedBlock imported(long n) {
        return new ImportedBlock(
                new Block(header(n), new byte[64], List.of()),
                H256.ZERO,
                List.of(),
                List.of(),
                Map.of(),
                0,
                0,
                List.of());
    }

    private static class Session implements RpcSession {
        final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean open = true;

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String newSubscriptionId() {
            return "x";
        }

        @Override
        public void onClose(String subscriptionId, Runnable cleanup) {}

        @Override
        public boolean unsubscribe(String subscriptionId) {
            return false;
        }

        @Override
        public void cutOff(String why) {
            open = false;
        }

        List<Long> numbers() {
            List<Long> out = new ArrayList<>();
            for (String t : sent) {
                try {
                    out.add(RpcClient.JSON
                            .readTree(t)
                            .at("/params/result/number")
                            .asLong());
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }
    }
}
