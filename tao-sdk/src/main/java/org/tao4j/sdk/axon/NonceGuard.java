package org.tao4j.sdk.axon;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tao4j.core.account.AccountId;

/**
 * Check 3: a nonce must lie within the window around now and be strictly greater than the last
 * nonce accepted for the same (hotkey, uuid). Memory is bounded: an LRU of at most
 * {@code capacity} entries, each dropped once its last nonce has left the widest window any
 * request can have (then no replay of it can pass the window test anyway).
 *
 * <p>When the LRU must drop an entry that is still live (a flood of fresh keys), it would forget
 * that entry's last nonce and a replay of it could pass. So it raises a floor to that nonce: a
 * (hotkey, uuid) it does not remember must bring a nonce above the floor. Replays stay
 * impossible; under such a flood the cost falls on new lanes with older clocks, which are
 * refused until the floor ages out of the window.
 */
final class NonceGuard {
    enum Verdict { OK, TOO_OLD, TOO_NEW, REPLAYED }

    private record Key(AccountId hotkey, String uuid) {}

    private static final class Seen {
        long last;

        Seen(long last) {
            this.last = last;
        }
    }

    private final int capacity;
    private final long maxWindowNanos;
    // access-ordered: the eldest entry is the least recently used
    private final LinkedHashMap<Key, Seen> seen = new LinkedHashMap<>(1024, 0.75f, true);
    private long floor = Long.MIN_VALUE;

    /**
     * @param maxWindowNanos the widest window any request can get (nonce window + max timeout)
     */
    NonceGuard(int capacity, long maxWindowNanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce cache needs at least one entry, got " + capacity);
        }
        this.capacity = capacity;
        this.maxWindowNanos = maxWindowNanos;
    }

    /**
     * Checks {@code nonce} for (hotkey, uuid) against {@code nowNanos} (epoch nanoseconds) with
     * this request's {@code windowNanos}, and records it when it passes.
     */
    Verdict check(AccountId hotkey, String uuid, long nonce, long nowNanos, long windowNanos) {
        // nonces and now are ~1.8e18 and windows ~1e11: no overflow in either difference
        if (nonce < nowNanos - windowNanos) {
            return Verdict.TOO_OLD;
        }
        if (nonce > nowNanos + windowNanos) {
            return Verdict.TOO_NEW;
        }
        Key key = new Key(hotkey, uuid);
        synchronized (this) {
            Seen s = seen.get(key);
            if (s != null && expired(s, nowNanos)) {
                seen.remove(key);
                s = null;
            }
            if (s != null) {
                if (nonce <= s.last) {
                    return Verdict.REPLAYED;
                }
                s.last = nonce;
                return Verdict.OK;
            }
            if (nonce <= floor) {
                return Verdict.REPLAYED;
            }
            seen.put(key, new Seen(nonce));
            trim(nowNanos);
            return Verdict.OK;
        }
    }

    synchronized int size() {
        return seen.size();
    }

    synchronized long floor() {
        return floor;
    }

    private boolean expired(Seen s, long nowNanos) {
        return s.last < nowNanos - maxWindowNanos;
    }

    // drops expired entries from the cold end, then live ones while over capacity (raising the floor)
    private void trim(long nowNanos) {
        Iterator<Map.Entry<Key, Seen>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Seen s = it.next().getValue();
            boolean dead = expired(s, nowNanos);
            if (!dead && seen.size() <= capacity) {
                return;
            }
            if (!dead) {
                floor = Math.max(floor, s.last);
            }
            it.remove();
        }
    }
}
