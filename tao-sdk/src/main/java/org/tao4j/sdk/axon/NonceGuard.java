package org.tao4j.sdk.axon;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tao4j.core.account.AccountId;

/**
 * Check 3: a nonce must lie within the window around now and be strictly greater than the last
 * nonce accepted for the same (caller, uuid). See docs/wire-protocol.md §5.2.
 *
 * <p>The remembered nonces live in two separate pools, one for callers the directory knows as
 * registered and one for everyone else ("open": only callers a permissive blacklist admits ever
 * reach it, since the blacklist runs first). Neither pool can evict the other's entries, and
 * within a pool each caller's lanes are its own:
 * <ul>
 *   <li>a caller keeps at most {@code lanesPerCaller} lanes; past that its least recently used
 *       live lane is forgotten and <em>that caller's</em> floor rises to its nonce;</li>
 *   <li>when a pool holds {@code maxLanes} lanes, a lane is taken from a caller holding at least
 *       the average number of lanes (the newcomer itself if it does, else the largest holder),
 *       again raising only that caller's floor;</li>
 *   <li>when a pool holds {@code maxCallers} callers, the least recently used caller is
 *       forgotten and the <em>pool's</em> floor rises to its newest nonce; every caller the pool
 *       does not remember must then bring a nonce above that floor.</li>
 * </ul>
 * A floor is the largest nonce of anything forgotten while still inside the widest window, so a
 * replay of it still fails. Entries are dropped for free once their newest nonce has left the
 * widest window any request can have (then the window test alone refuses a replay).
 *
 * <p>So a flood of fresh keys can only raise the open pool's floor, and a registered caller
 * flooding its own lanes can only raise its own floor. Only more than {@code maxCallers}
 * registered hotkeys active within one window can raise the registered pool's floor.
 */
final class NonceGuard {
    enum Verdict {
        OK,
        TOO_OLD,
        TOO_NEW,
        REPLAYED
    }

    /** The bounds of one pool. */
    record Limits(int maxLanes, int lanesPerCaller, int maxCallers) {
        Limits {
            if (maxLanes < 1 || lanesPerCaller < 1 || maxCallers < 1) {
                throw new IllegalArgumentException("nonce cache limits must be >= 1, got lanes=" + maxLanes
                        + " per caller=" + lanesPerCaller + " callers=" + maxCallers);
            }
        }
    }

    private static final class Seen {
        long last;

        Seen(long last) {
            this.last = last;
        }
    }

    /** One caller's lanes, least recently used first, and its own floor. */
    private static final class Lanes {
        final LinkedHashMap<UUID, Seen> lanes = new LinkedHashMap<>(4, 0.75f, true);
        long floor = Long.MIN_VALUE;
        long newest = Long.MIN_VALUE; // the largest nonce accepted or floored: bounds every lane and the floor
    }

    /** One class of callers. Guarded by the guard's lock. */
    static final class Pool {
        private final Limits limits;
        private final LinkedHashMap<AccountId, Lanes> callers = new LinkedHashMap<>(64, 0.75f, true);
        private long floor = Long.MIN_VALUE;
        private int lanes;
        private long evictedLive;

        Pool(Limits limits) {
            this.limits = limits;
        }
    }

    private final long maxWindowNanos;
    private final Pool registered;
    private final Pool open;

    /**
     * @param maxWindowNanos the widest window any request can get (nonce window + max timeout)
     */
    NonceGuard(Limits registered, Limits open, long maxWindowNanos) {
        this.maxWindowNanos = maxWindowNanos;
        this.registered = new Pool(registered);
        this.open = new Pool(open);
    }

    /**
     * Checks {@code nonce} for (caller, uuid) against {@code nowNanos} (epoch nanoseconds) with
     * this request's {@code windowNanos}, and records it when it passes. {@code isRegistered}
     * picks the pool for a caller neither pool remembers. A remembered caller that has registered
     * since moves to the registered pool; one that has deregistered keeps its registered record
     * until it expires, so neither change forgets a nonce.
     */
    Verdict check(AccountId caller, boolean isRegistered, String uuid, long nonce, long nowNanos, long windowNanos) {
        // nonces and now are ~1.8e18 and windows ~1e11: no overflow in either difference
        if (nonce < nowNanos - windowNanos) {
            return Verdict.TOO_OLD;
        }
        if (nonce > nowNanos + windowNanos) {
            return Verdict.TOO_NEW;
        }
        UUID lane = UUID.fromString(uuid);
        synchronized (this) {
            Pool home = registered;
            Lanes rec = live(registered, caller, nowNanos);
            if (rec == null) {
                rec = live(open, caller, nowNanos);
                home = open;
                if (rec != null && isRegistered) {
                    // registered since: the record moves where an open flood cannot reach it
                    open.callers.remove(caller);
                    open.lanes -= rec.lanes.size();
                    registered.callers.put(caller, rec);
                    registered.lanes += rec.lanes.size();
                    home = registered;
                    trim(home, caller, rec, nowNanos);
                } else if (rec == null) {
                    home = isRegistered ? registered : open;
                }
            }
            if (rec == null) {
                if (nonce <= home.floor) {
                    return Verdict.REPLAYED;
                }
                rec = new Lanes();
                rec.floor = home.floor;
                rec.newest = nonce;
                rec.lanes.put(lane, new Seen(nonce));
                home.callers.put(caller, rec);
                home.lanes++;
                trim(home, caller, rec, nowNanos);
                return Verdict.OK;
            }
            Seen s = rec.lanes.get(lane);
            if (s != null && expired(s.last, nowNanos)) {
                rec.lanes.remove(lane);
                home.lanes--;
                s = null;
            }
            if (s != null) {
                if (nonce <= s.last) {
                    return Verdict.REPLAYED;
                }
                s.last = nonce;
                rec.newest = Math.max(rec.newest, nonce);
                return Verdict.OK;
            }
            if (nonce <= rec.floor) {
                return Verdict.REPLAYED;
            }
            rec.lanes.put(lane, new Seen(nonce));
            rec.newest = Math.max(rec.newest, nonce);
            home.lanes++;
            trim(home, caller, rec, nowNanos);
            return Verdict.OK;
        }
    }

    /** Lanes remembered in the registered or the open pool. */
    synchronized int lanes(boolean ofRegistered) {
        return (ofRegistered ? registered : open).lanes;
    }

    /** Callers remembered in the registered or the open pool. */
    synchronized int callers(boolean ofRegistered) {
        return (ofRegistered ? registered : open).callers.size();
    }

    /** The pool's floor (Long.MIN_VALUE until it has forgotten a live caller). */
    synchronized long floor(boolean ofRegistered) {
        return (ofRegistered ? registered : open).floor;
    }

    /** Live lanes and callers the pool has had to forget (each raised a floor). */
    synchronized long evictedLive(boolean ofRegistered) {
        return (ofRegistered ? registered : open).evictedLive;
    }

    /** The caller's own floor in whichever pool remembers it, or Long.MIN_VALUE. */
    synchronized long callerFloor(AccountId caller) {
        Lanes r = registered.callers.get(caller);
        if (r == null) {
            r = open.callers.get(caller);
        }
        return r == null ? Long.MIN_VALUE : r.floor;
    }

    /** The pool's record for {@code caller}, dropping it first if it has expired. */
    private Lanes live(Pool p, AccountId caller, long nowNanos) {
        Lanes r = p.callers.get(caller);
        if (r != null && expired(r.newest, nowNanos)) {
            p.callers.remove(caller);
            p.lanes -= r.lanes.size();
            return null;
        }
        return r;
    }

    private boolean expired(long nonce, long nowNanos) {
        return nonce < nowNanos - maxWindowNanos;
    }

    private void trim(Pool p, AccountId current, Lanes rec, long nowNanos) {
        Limits l = p.limits;
        // the caller's own bound
        p.lanes -= trimLanes(p, rec, l.lanesPerCaller(), nowNanos);
        // expired callers from the cold end, then live ones while there are too many (the pool's floor)
        Iterator<Map.Entry<AccountId, Lanes>> it = p.callers.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<AccountId, Lanes> e = it.next();
            Lanes r = e.getValue();
            boolean dead = expired(r.newest, nowNanos);
            if (!dead && p.callers.size() <= l.maxCallers()) {
                break;
            }
            if (e.getKey().equals(current) && !dead) {
                continue; // never the caller being served (it is the most recent, so this is rare)
            }
            if (!dead) {
                p.floor = Math.max(p.floor, r.newest);
                p.evictedLive++;
            }
            p.lanes -= r.lanes.size();
            it.remove();
        }
        // the pool's lane bound: take from a caller at or above the average
        while (p.lanes > l.maxLanes()) {
            Lanes victim = rec;
            if ((long) rec.lanes.size() * p.callers.size() < p.lanes) {
                for (Lanes r : p.callers.values()) {
                    if (r.lanes.size() > victim.lanes.size()) {
                        victim = r;
                    }
                }
            }
            int removed = trimLanes(p, victim, victim.lanes.size() - 1, nowNanos);
            if (removed == 0) {
                break; // cannot happen: the victim holds at least the average, which is > 1 here
            }
            p.lanes -= removed;
        }
    }

    /**
     * Drops the caller's expired lanes from the cold end, then live ones while it has more than
     * {@code max}, raising its floor; returns how many it dropped.
     */
    private int trimLanes(Pool p, Lanes r, int max, long nowNanos) {
        int removed = 0;
        Iterator<Seen> it = r.lanes.values().iterator();
        while (it.hasNext()) {
            Seen s = it.next();
            boolean dead = expired(s.last, nowNanos);
            if (!dead && r.lanes.size() <= max) {
                break;
            }
            if (!dead) {
                r.floor = Math.max(r.floor, s.last);
                p.evictedLive++;
            }
            it.remove();
            removed++;
        }
        return removed;
    }
}
