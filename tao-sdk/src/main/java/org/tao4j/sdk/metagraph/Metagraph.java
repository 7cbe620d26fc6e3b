package org.tao4j.sdk.metagraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.NeuronDirectory;
import org.tao4j.sdk.chain.SubnetChain;

/**
 * A subnet's neurons at one block: an immutable snapshot, one column per {@link Field}, indexed by
 * uid. Only the columns asked for are held; reading another throws {@link IllegalStateException}.
 * Scores (consensus, incentive, dividends, validator trust) are u16 proportions (65535 = 1);
 * stake and emission are rao.
 *
 * <p>It is also the axon's {@link NeuronDirectory}: hotkey lookups go through a hash index built
 * once, so the blacklist and priority hooks cost a map lookup per request.
 *
 * <pre>{@code
 * Metagraph mg = Metagraph.sync(chain, 1, Metagraph.Field.STANDARD);
 * for (int uid : mg.servingUids()) { ... mg.axonEndpoint(uid) ... }
 * }</pre>
 */
public final class Metagraph implements NeuronDirectory {

    /** The columns of a metagraph. */
    public enum Field {
        HOTKEYS,
        COLDKEYS,
        STAKE,
        CONSENSUS,
        INCENTIVE,
        DIVIDENDS,
        VALIDATOR_TRUST,
        EMISSION,
        ACTIVE,
        LAST_UPDATE,
        REGISTERED_AT,
        VALIDATOR_PERMIT,
        AXONS,
        WEIGHTS,
        BONDS;

        /** Everything but the weight and bond matrices: what neurons usually need. */
        public static final Set<Field> STANDARD = Collections.unmodifiableSet(EnumSet.range(HOTKEYS, AXONS));
        /** Every column, matrices included. */
        public static final Set<Field> ALL = Collections.unmodifiableSet(EnumSet.allOf(Field.class));
    }

    private final int netuid;
    private final long block;
    private final int n;
    private final Set<Field> fields;
    private final AccountId[] hotkeys;
    private final AccountId[] coldkeys;
    private final long[] stake;
    private final int[] consensus;
    private final int[] incentive;
    private final int[] dividends;
    private final int[] validatorTrust;
    private final long[] emission;
    private final boolean[] active;
    private final long[] lastUpdate;
    private final long[] registeredAt;
    private final boolean[] validatorPermit;
    private final AxonInfo[] axons;
    private final SparseRow[] weights;
    private final SparseRow[] bonds;
    private final Map<AccountId, Integer> uidByHotkey;

    private Metagraph(Builder b) {
        this.netuid = b.netuid;
        this.block = b.block;
        this.n = b.n;
        this.hotkeys = Objects.requireNonNull(b.hotkeys, "a metagraph needs its hotkeys");
        this.coldkeys = b.coldkeys;
        this.stake = b.stake;
        this.consensus = b.consensus;
        this.incentive = b.incentive;
        this.dividends = b.dividends;
        this.validatorTrust = b.validatorTrust;
        this.emission = b.emission;
        this.active = b.active;
        this.lastUpdate = b.lastUpdate;
        this.registeredAt = b.registeredAt;
        this.validatorPermit = b.validatorPermit;
        this.axons = b.axons;
        this.weights = b.weights;
        this.bonds = b.bonds;
        EnumSet<Field> f = EnumSet.of(Field.HOTKEYS);
        addIf(f, Field.COLDKEYS, coldkeys);
        addIf(f, Field.STAKE, stake);
        addIf(f, Field.CONSENSUS, consensus);
        addIf(f, Field.INCENTIVE, incentive);
        addIf(f, Field.DIVIDENDS, dividends);
        addIf(f, Field.VALIDATOR_TRUST, validatorTrust);
        addIf(f, Field.EMISSION, emission);
        addIf(f, Field.ACTIVE, active);
        addIf(f, Field.LAST_UPDATE, lastUpdate);
        addIf(f, Field.REGISTERED_AT, registeredAt);
        addIf(f, Field.VALIDATOR_PERMIT, validatorPermit);
        addIf(f, Field.AXONS, axons);
        addIf(f, Field.WEIGHTS, weights);
        addIf(f, Field.BONDS, bonds);
        this.fields = Collections.unmodifiableSet(f);
        Map<AccountId, Integer> index = new HashMap<>(n * 2);
        for (int uid = 0; uid < n; uid++) {
            index.put(Objects.requireNonNull(hotkeys[uid], "hotkey of uid " + uid), uid);
        }
        this.uidByHotkey = index;
    }

    private static void addIf(Set<Field> f, Field field, Object column) {
        if (column != null) {
            f.add(field);
        }
    }

    /** {@code chain.sync(netuid, fields)}: reads the subnet in one round trip. */
    public static Metagraph sync(SubnetChain chain, int netuid, Set<Field> fields) {
        return chain.sync(netuid, fields);
    }

    /** Builds a metagraph column by column; for {@link SubnetChain} implementations. */
    public static Builder builder(int netuid, long block, int n) {
        return new Builder(netuid, block, n);
    }

    public int netuid() {
        return netuid;
    }

    /** The block whose state this is. */
    public long block() {
        return block;
    }

    /** The number of uids. */
    public int n() {
        return n;
    }

    /** The columns held. */
    public Set<Field> fields() {
        return fields;
    }

    public boolean has(Field f) {
        return fields.contains(f);
    }

    // ---- per uid

    public AccountId hotkey(int uid) {
        return hotkeys[check(uid)];
    }

    /** The uid holding {@code hotkey}, or -1. */
    public int uidOf(AccountId hotkey) {
        Integer uid = uidByHotkey.get(hotkey);
        return uid == null ? -1 : uid;
    }

    /** The hotkey's owner; null when the chain knows none. */
    public AccountId coldkey(int uid) {
        return column(coldkeys, Field.COLDKEYS)[check(uid)];
    }

    public long stake(int uid) {
        return column(stake, Field.STAKE)[check(uid)];
    }

    public int consensus(int uid) {
        return column(consensus, Field.CONSENSUS)[check(uid)];
    }

    public int incentive(int uid) {
        return column(incentive, Field.INCENTIVE)[check(uid)];
    }

    public int dividends(int uid) {
        return column(dividends, Field.DIVIDENDS)[check(uid)];
    }

    public int validatorTrust(int uid) {
        return column(validatorTrust, Field.VALIDATOR_TRUST)[check(uid)];
    }

    public long emission(int uid) {
        return column(emission, Field.EMISSION)[check(uid)];
    }

    public boolean active(int uid) {
        return column(active, Field.ACTIVE)[check(uid)];
    }

    public long lastUpdate(int uid) {
        return column(lastUpdate, Field.LAST_UPDATE)[check(uid)];
    }

    public long registeredAt(int uid) {
        return column(registeredAt, Field.REGISTERED_AT)[check(uid)];
    }

    public boolean validatorPermit(int uid) {
        return column(validatorPermit, Field.VALIDATOR_PERMIT)[check(uid)];
    }

    /** The axon uid last served, or null when it never served one. */
    public AxonInfo axon(int uid) {
        return column(axons, Field.AXONS)[check(uid)];
    }

    /** uid's weight row (u16, max-upscaled, as stored). */
    public SparseRow weights(int uid) {
        return column(weights, Field.WEIGHTS)[check(uid)];
    }

    /** uid's bond row (u16, as stored). */
    public SparseRow bonds(int uid) {
        return column(bonds, Field.BONDS)[check(uid)];
    }

    // ---- whole columns (copies)

    public List<AccountId> hotkeys() {
        return List.of(hotkeys);
    }

    public long[] stakes() {
        return column(stake, Field.STAKE).clone();
    }

    public int[] consensusColumn() {
        return column(consensus, Field.CONSENSUS).clone();
    }

    public int[] incentiveColumn() {
        return column(incentive, Field.INCENTIVE).clone();
    }

    public int[] dividendsColumn() {
        return column(dividends, Field.DIVIDENDS).clone();
    }

    public long[] emissionColumn() {
        return column(emission, Field.EMISSION).clone();
    }

    // ---- derived

    /** The uids whose axon a dendrite can address, in uid order. */
    public int[] servingUids() {
        AxonInfo[] a = column(axons, Field.AXONS);
        return java.util.stream.IntStream.range(0, n)
                .filter(uid -> a[uid] != null && a[uid].isServing())
                .toArray();
    }

    /** How a dendrite reaches uid's axon; null when it serves none. */
    public AxonEndpoint axonEndpoint(int uid) {
        AxonInfo a = axon(uid);
        return a == null || !a.isServing() ? null : a.endpoint(hotkeys[uid]);
    }

    /** The uids holding a validator permit, in uid order. */
    public int[] validatorUids() {
        boolean[] p = column(validatorPermit, Field.VALIDATOR_PERMIT);
        return java.util.stream.IntStream.range(0, n).filter(uid -> p[uid]).toArray();
    }

    // ---- NeuronDirectory

    @Override
    public boolean isRegistered(AccountId hotkey) {
        return uidByHotkey.containsKey(hotkey);
    }

    /** False when the permit column was not synced. */
    @Override
    public boolean hasValidatorPermit(AccountId hotkey) {
        Integer uid = uidByHotkey.get(hotkey);
        return uid != null && validatorPermit != null && validatorPermit[uid];
    }

    /** 0 for unknown hotkeys, and when the stake column was not synced. */
    @Override
    public long stake(AccountId hotkey) {
        Integer uid = uidByHotkey.get(hotkey);
        return uid == null || stake == null ? 0L : stake[uid];
    }

    private int check(int uid) {
        if (uid < 0 || uid >= n) {
            throw new IndexOutOfBoundsException("uid " + uid + " of a subnet with " + n + " uids");
        }
        return uid;
    }

    private <T> T column(T c, Field f) {
        if (c == null) {
            throw new IllegalStateException("this metagraph was synced without " + f);
        }
        return c;
    }

    @Override
    public String toString() {
        return "Metagraph[netuid=" + netuid + ", block=" + block + ", n=" + n + ", fields=" + fields + "]";
    }

    /** Collects the columns of a {@link Metagraph}; each setter copies and checks the length. */
    public static final class Builder {
        private final int netuid;
        private final long block;
        private final int n;
        private AccountId[] hotkeys;
        private AccountId[] coldkeys;
        private long[] stake;
        private int[] consensus;
        private int[] incentive;
        private int[] dividends;
        private int[] validatorTrust;
        private long[] emission;
        private boolean[] active;
        private long[] lastUpdate;
        private long[] registeredAt;
        private boolean[] validatorPermit;
        private AxonInfo[] axons;
        private SparseRow[] weights;
        private SparseRow[] bonds;

        private Builder(int netuid, long block, int n) {
            if (netuid < 0 || netuid > 0xFFFF || block < 0 || n < 0) {
                throw new IllegalArgumentException("netuid must be a u16, block and n >= 0");
            }
            this.netuid = netuid;
            this.block = block;
            this.n = n;
        }

        public Builder hotkeys(List<AccountId> v) {
            hotkeys = len(v, "hotkeys").toArray(new AccountId[0]);
            return this;
        }

        public Builder coldkeys(List<AccountId> v) {
            coldkeys = new ArrayList<>(len(v, "coldkeys")).toArray(new AccountId[0]);
            return this;
        }

        public Builder stake(long[] v) {
            stake = len(v.clone(), v.length, "stake");
            return this;
        }

        public Builder consensus(int[] v) {
            consensus = u16(v, "consensus");
            return this;
        }

        public Builder incentive(int[] v) {
            incentive = u16(v, "incentive");
            return this;
        }

        public Builder dividends(int[] v) {
            dividends = u16(v, "dividends");
            return this;
        }

        public Builder validatorTrust(int[] v) {
            validatorTrust = u16(v, "validator trust");
            return this;
        }

        public Builder emission(long[] v) {
            emission = len(v.clone(), v.length, "emission");
            return this;
        }

        public Builder active(boolean[] v) {
            active = len(v.clone(), v.length, "active");
            return this;
        }

        public Builder lastUpdate(long[] v) {
            lastUpdate = len(v.clone(), v.length, "last update");
            return this;
        }

        public Builder registeredAt(long[] v) {
            registeredAt = len(v.clone(), v.length, "registered at");
            return this;
        }

        public Builder validatorPermit(boolean[] v) {
            validatorPermit = len(v.clone(), v.length, "validator permit");
            return this;
        }

        /** Null entries for neurons that never served an axon. */
        public Builder axons(List<AxonInfo> v) {
            axons = new ArrayList<>(len(v, "axons")).toArray(new AxonInfo[0]);
            return this;
        }

        public Builder weights(List<SparseRow> v) {
            weights = rows(v, "weights");
            return this;
        }

        public Builder bonds(List<SparseRow> v) {
            bonds = rows(v, "bonds");
            return this;
        }

        public Metagraph build() {
            return new Metagraph(this);
        }

        private SparseRow[] rows(List<SparseRow> v, String what) {
            SparseRow[] out = new ArrayList<>(len(v, what)).toArray(new SparseRow[0]);
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = SparseRow.EMPTY;
                }
            }
            return out;
        }

        private int[] u16(int[] v, String what) {
            int[] c = len(v.clone(), v.length, what);
            for (int x : c) {
                if (x < 0 || x > 0xFFFF) {
                    throw new IllegalArgumentException(what + " value " + x + " is not a u16");
                }
            }
            return c;
        }

        private <T> List<T> len(List<T> v, String what) {
            len(v, v.size(), what);
            return v;
        }

        private <T> T len(T v, int length, String what) {
            if (length != n) {
                throw new IllegalArgumentException(what + " has " + length + " entries for " + n + " uids");
            }
            return v;
        }
    }
}
