package org.tao4j.sdk.metagraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.mock.MockChain;

class MetagraphWatcherTest {
    @Test
    void refreshesEveryNBlocksAndServesAsTheAxonsDirectory() throws Exception {
        MockChain chain = MockChain.create().addSubnet(1);
        AccountId a = TestKeys.id(TestKeys.key(1));
        chain.register(1, a, 5 * MockChain.TAO, true);
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (MetagraphWatcher w =
                MetagraphWatcher.start(chain.connect(TestKeys.key(1)), 1, Metagraph.Field.STANDARD, 3)) {
            w.onUpdate(m -> seen.add(m.block()));
            assertThat(w.current().block()).isZero();
            assertThat(w.isRegistered(a)).isTrue();
            assertThat(w.hasValidatorPermit(a)).isTrue();
            assertThat(w.stake(a)).isEqualTo(5 * MockChain.TAO);
            AccountId b = TestKeys.id(TestKeys.key(2));
            chain.register(1, b, 0);
            // MockChain.advance() tells its head listeners (the watcher's among them) before it returns, and
            // the watcher decides on the calling thread whether to start a sync: so when advance(2) has
            // returned, the watcher has seen heads 1 and 2 and started nothing. The check below is exact,
            // with no sleep that a slow watcher could outlast.
            chain.advance(2);
            assertThat(w.isRegistered(b)).as("not refreshed before 3 blocks").isFalse();
            assertThat(seen).as("no update published before 3 blocks").isEmpty();
            chain.advance();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen)
                    .as("one update, at block 3, within a generous 30 s")
                    .containsExactly(3L);
            assertThat(w.isRegistered(b)).isTrue();
            assertThat(w.refresh().block()).isEqualTo(3);
        }
    }

    @Test
    void aMetagraphChecksItsColumns() {
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 2)
                        .hotkeys(List.of(TestKeys.id(TestKeys.key(1))))
                        .build())
                .hasMessageContaining("hotkeys has 1 entries for 2 uids");
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 1).incentive(new int[] {70_000}))
                .hasMessageContaining("not a u16");
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 1).build()).hasMessageContaining("needs its hotkeys");
    }
}
