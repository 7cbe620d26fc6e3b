package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.axon.NonceGuard.Limits;
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
    static final String U3 = "00000000-0000-0000-0000-000000000003";

    static final AccountId[] KEYS = new AccountId[3000];

    static {
        for (int i = 0; i < KEYS.length; i++) {
            KEYS[i] = TestKeys.id(TestKeys.key(1000 + i));
        }
    }

    static String lane(int i) {
        return String.format("00000000-0000-0000-0000-%012x", i);
    }

    static NonceGuard guard(int lanes, int perCaller, int callers) {
        Limits l = new Limits(lanes, perCaller, callers);
        return new NonceGuard(l, l, MAX_WINDOW);
    }

    @Test
    void windowBoundsAreInclusive() {
        NonceGuard g = guard(100, 100, 100);
        assertThat(g.check(a, true, U1, NOW - WINDOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U2, NOW - WINDOW - 1, NOW, WINDOW)).isEqualTo(Verdict.TOO_OLD);
        assertThat(g.check(b, true, U1, NOW + WINDOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, true, U2, NOW + WINDOW + 1, NOW, WINDOW)).isEqualTo(Verdict.TOO_NEW);
    }

    @Test
    void strictlyIncreasingPerHotkeyAndUuid() {
        NonceGuard g = guard(100, 100, 100);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, true, U1, NOW - 1, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, true, U1, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // other lanes and other hotkeys are independent
        assertThat(g.check(a, true, U2, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // and so are the classes
        assertThat(g.check(b, false, U1, NOW, NOW, WINDOW))
                .as("b is remembered as registered")
                .isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void expiredEntriesAreDroppedOnlyOnceNoReplayCanPassTheWindow() {
        NonceGuard g = guard(2, 2, 2);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        long later = NOW + MAX_WINDOW + 1;
        // a's entry is dead now: filling the cache drops it without raising any floor
        assertThat(g.check(b, true, U1, later, later, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, true, U2, later, later, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.lanes(true)).isEqualTo(2);
        assertThat(g.callers(true)).isEqualTo(1);
        assertThat(g.floor(true)).isEqualTo(Long.MIN_VALUE);
        assertThat(g.evictedLive(true)).isZero();
    }

    @Test
    void aCallerOverItsOwnLaneBoundRaisesOnlyItsOwnFloor() {
        NonceGuard g = guard(100, 2, 100);
        assertThat(g.check(b, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U2, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U3, NOW + 2, NOW, WINDOW)).isEqualTo(Verdict.OK); // evicts (a, U1)
        assertThat(g.callerFloor(a)).isEqualTo(NOW);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW))
                .as("replay of the forgotten lane")
                .isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, true, U1, NOW + 3, NOW, WINDOW))
                .as("a fresh nonce on it")
                .isEqualTo(Verdict.OK);
        // b, who sent an older nonce on a new lane, is not touched by a's floor
        assertThat(g.callerFloor(b)).isEqualTo(Long.MIN_VALUE);
        assertThat(g.check(b, true, U2, NOW - 5, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.floor(true)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aFullPoolTakesLanesFromTheLargestHolderNotFromASmallOne() {
        NonceGuard g = guard(10, 100, 100);
        assertThat(g.check(b, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        for (int i = 0; i < 50; i++) {
            assertThat(g.check(a, true, lane(i), NOW + 10 + i, NOW, WINDOW)).isEqualTo(Verdict.OK);
        }
        assertThat(g.lanes(true)).isEqualTo(10);
        // b still holds its lane and has no floor; a paid for its own flood
        assertThat(g.callerFloor(b)).isEqualTo(Long.MIN_VALUE);
        assertThat(g.check(b, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(b, true, U2, NOW - 5, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.callerFloor(a)).isGreaterThan(NOW);
        // now b is the newcomer in a full pool while below the average: a still pays
        assertThat(g.check(b, true, U3, NOW - 4, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.callerFloor(b)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aFloodOfUnregisteredKeysNeverTouchesRegisteredCallers() {
        NonceGuard g = new NonceGuard(new Limits(1000, 16, 1000), new Limits(100, 4, 100), MAX_WINDOW);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        for (int i = 0; i < 10_000; i++) {
            // each a fresh key on a fresh lane, 8 s ahead of now: the attack, scaled down
            AccountId k = KEYS[i % KEYS.length];
            assertThat(g.check(k, false, lane(i), NOW + 8 * S + i, NOW, WINDOW)).isEqualTo(Verdict.OK);
        }
        assertThat(g.lanes(false)).isLessThanOrEqualTo(100);
        assertThat(g.callers(false)).isLessThanOrEqualTo(100);
        assertThat(g.floor(false)).isGreaterThan(NOW + 8 * S);
        // the registered pool is as it was: a's lanes, old nonces on new lanes, all fine
        assertThat(g.floor(true)).isEqualTo(Long.MIN_VALUE);
        assertThat(g.lanes(true)).isEqualTo(1);
        assertThat(g.check(a, true, U1, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(a, true, U2, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // a brand-new registered caller too
        assertThat(g.check(b, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // while a new unregistered caller pays the open pool's floor
        assertThat(g.check(TestKeys.id(TestKeys.key(99_999)), false, U1, NOW, NOW, WINDOW))
                .isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void tooManyLiveCallersRaiseThePoolFloorSoNoReplayPasses() {
        NonceGuard g = guard(100, 100, 2);
        AccountId c = TestKeys.id(TestKeys.key(3));
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(b, true, U1, NOW + 1, NOW, WINDOW)).isEqualTo(Verdict.OK);
        assertThat(g.check(c, true, U1, NOW + 2, NOW, WINDOW)).isEqualTo(Verdict.OK); // forgets a
        assertThat(g.callers(true)).isEqualTo(2);
        assertThat(g.floor(true)).isEqualTo(NOW);
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, true, U1, NOW + 3, NOW, WINDOW)).isEqualTo(Verdict.OK);
    }

    @Test
    void aCallerThatRegistersMovesToTheRegisteredPoolWithItsNonces() {
        NonceGuard g = new NonceGuard(new Limits(100, 16, 100), new Limits(4, 4, 4), MAX_WINDOW);
        assertThat(g.check(a, false, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // registered now: the record moves, and a replay of the open-era request still fails
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.callers(false)).isZero();
        assertThat(g.callers(true)).isEqualTo(1);
        // an open flood cannot reach it any more
        for (int i = 0; i < 100; i++) {
            g.check(KEYS[i], false, lane(i), NOW + 8 * S, NOW, WINDOW);
        }
        assertThat(g.check(a, true, U1, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(g.check(a, true, U2, NOW, NOW, WINDOW)).isEqualTo(Verdict.OK);
        // and one that deregisters keeps its registered record
        assertThat(g.check(a, false, U2, NOW, NOW, WINDOW)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void memoryStaysBounded() {
        NonceGuard g = new NonceGuard(new Limits(1000, 64, 50), new Limits(500, 8, 500), MAX_WINDOW);
        for (int i = 0; i < 50_000; i++) {
            AccountId k = KEYS[i % 700];
            assertThat(g.check(k, i % 2 == 0, lane(i), NOW + i, NOW, WINDOW)).isNotEqualTo(Verdict.TOO_NEW);
        }
        assertThat(g.lanes(true)).isLessThanOrEqualTo(1000);
        assertThat(g.callers(true)).isLessThanOrEqualTo(50);
        assertThat(g.lanes(false)).isLessThanOrEqualTo(500);
        assertThat(g.callers(false)).isLessThanOrEqualTo(500);
    }
}
