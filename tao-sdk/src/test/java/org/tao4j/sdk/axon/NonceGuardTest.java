package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.axon.NonceGuard.Verdict;

class NonceGuardTest {
    static final long S = 1_000_000_000L;
    static final long NOW = 1_800_000_000L * S;
    static final long WINDOW = 13 * S; // 8 s + a 5 s timeout
    static final long MAX_WINDOW = 68 * S; // 8 s + the 60 s max timeout
    final AccountId a = TestKeys.id(TestKeys.key(1));
    final AccountId b = TestKeys.id(TestKeys.key(2));
    static final String U1 = "00000000-0000-0000-0000-000000000001";
    static final String U2 = "00000000-0000-0000-0000-000000000002";

    @Test
    void windowBoundsAreInclusive() {
        NonceGuard g = new NonceGuard(100, MAX_WINDOW);
        assertThat(g.check(a, U1, NOW - WINDOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, U2, NOW - WINDOW - 1, NOW, WINDOW)).isEqualTo(Verdict.TOO_OLD);
        assertThat(g.check(b, U1, NOW + WINDOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, U2, NOW + WINDOW + 1, NOW, WINDOW)).isEqualTo(Verdict.TOO_NEW);
    }

    @Test
    void strictlyIncreasingPerHotkeyAndUuid() {
        NonceGuard g = new NonceGuard(100, MAX_WINDOW);
        assertThat(g.check(a, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, U1, NOW - 1, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, U1, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // other lanes and other hotkeys are independent
        assertThat(g.check(a, U2, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
    }

    @Test
    void expiredEntriesAreDroppedOnlyOnceNoReplayCanPassTheWindow() {
        NonceGuard g = new NonceGuard(2, MAX_WINDOW);
        assertThat(g.check(a, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        long later = NOW + MAX_WINDOW + 1;
        // a's entry is dead now: filling the cache drops it without raising the floor
        assertThat(g.check(b, U1, later, later, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, U2, later, later, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.floor()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void evictingALiveEntryRaisesTheFloorSoItsReplayStillFails() {
        NonceGuard g = new NonceGuard(2, MAX_WINDOW);
        assertThat(g.check(a, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, U2, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // a third key evicts (a, U1) while its nonce is still inside the window
        assertThat(g.check(b, U1, NOW + 2, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.floor()).isEqualTo(NOW);
        assertThat(g.check(a, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        // a fresh nonce on a forgotten lane is still fine
        assertThat(g.check(a, U1, NOW + 3, NOW, WINDOW)).isEqualTo(Verdict.OK);
    }

    @Test
    void memoryStaysBounded() {
        NonceGuard g = new NonceGuard(1000, MAX_WINDOW);
        for (int i = 0; i < 50_000; i++) {
            String uuid = String.format("00000000-0000-0000-0000-%012x", i);
            assertThat(g.check(a, uuid, NOW + i, NOW, WINDOW)).isEqualTo(Verdict.OK);
        }
        assertThat(g.size()).isEqualTo(1000);
    }
}
