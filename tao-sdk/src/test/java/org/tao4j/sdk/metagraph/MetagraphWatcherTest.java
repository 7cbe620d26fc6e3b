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
        try (MetagraphWatcher w = MetagraphWatcher.start(chain.connect(TestKeys.key(1)), 1, Metagraph.Field.STANDARD, 3)) {
            w.onUpdate(m -> seen.add(m.block()));
            assertThat(w.current().block()).isZero();
            assertThat(w.isRegistered(a)).isTrue();
            assertThat(w.hasValidatorPermit(a)).isTrue();
            assertThat(w.stake(a)).isEqualTo(5 * MockChain.TAO);
            AccountId b = TestKeys.id(TestKeys.key(2));
            chain.register(1, b, 0);
            chain.advance(2);
            Thread.sleep(100);
            assertThat(w.isRegistered(b)).as("not refreshed before 3 blocks").isFalse();
            chain.advance();
            long deadline = System.currentTimeMillis() + 5000;
            while (!w.isRegistered(b) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(w.isRegistered(b)).isTrue();
            assertThat(seen).containsExactly(3L);
            assertThat(w.refresh().block()).isEqualTo(3);
        }
    }

    @Test
    void aMetagraphChecksItsColumns() {
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 2).hotkeys(List.of(TestKeys.id(TestKeys.key(1)))).build())
                .hasMessageContaining("hotkeys has 1 entries for 2 uids");
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 1).incentive(new int[] {70_000}))
                .hasMessageContaining("not a u16");
        assertThatThrownBy(() -> Metagraph.builder(1, 0, 1).build()).hasMessageContaining("needs its hotkeys");
    }
}
