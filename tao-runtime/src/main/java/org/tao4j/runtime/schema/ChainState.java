package org.tao4j.runtime.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.ChainParams;

/**
 * Typed access to the chain's state over a {@link KeyValueStore} (docs/spec/architecture.md: the runtime never
 * knows which database holds it).
 *
 * <p>Key layout: {@code [module][item][key parts]}, with integers big-endian so that prefix iteration
 * visits uids and netuids in numeric order, and accounts as their 32 raw bytes. Values are SCALE.
 * The layout is documented in docs/state.md.
 */
public final class ChainState {

    // modules
    private static final byte SYSTEM = 0,
            ACCOUNTS = 1,
            SUBNETS = 2,
            NEURONS = 3,
            STAKE = 4,
            GOVERNANCE = 5,
            CHILDKEYS = 8;
    // docs/spec/chain.md §10: key safety (module 9) and proxies (module 10); §11: commitments (module 11)
    private static final byte KEYS = 9, PROXY = 10, COMMITMENTS = 11;
    // docs/spec/chain.md §12: payment channels (module 13)
    private static final byte CHANNELS = 13;

    private final KeyValueStore kv;

    public ChainState(KeyValueStore kv) {
        this.kv = kv;
    }

    public KeyValueStore store() {
        return kv;
    }

    // ================================================================ system

    public ChainParams params() {
        byte[] v = kv.get(key(SYSTEM, 1));
        if (v == null) {
            throw new IllegalStateException("state has no chain parameters: not initialised from a genesis");
        }
        return ChainParams.decode(v);
    }

    public void setParams(ChainParams p) {
        kv.put(key(SYSTEM, 1), p.encode());
    }

    public long totalIssuance() {
        return u64(key(SYSTEM, 2));
    }

    public void setTotalIssuance(long v) {
        putU64(key(SYSTEM, 2), v);
    }

    /** Everything ever minted by block emission. */
    public long totalMinted() {
        return u64(key(SYSTEM, 3));
    }

    public void setTotalMinted(long v) {
        putU64(key(SYSTEM, 3), v);
    }

    /** Everything ever recycled (fees, burns, dust). */
    public long totalRecycled() {
        return u64(key(SYSTEM, 4));
    }

    public void setTotalRecycled(long v) {
        putU64(key(SYSTEM, 4), v);
    }

    public long networkLastLock() {
        return u64(key(SYSTEM, 5));
    }

    public void setNetworkLastLock(long v) {
        putU64(key(SYSTEM, 5), v);
    }

    public long networkLastLockBlock() {
        return u64(key(SYSTEM, 6));
    }

    public void setNetworkLastLockBlock(long v) {
        putU64(key(SYSTEM, 6), v);
    }

    /** Block of the last subnet registration, or -1 if none yet. */
    public long networkLastRegistered() {
        byte[] v = kv.get(key(SYSTEM, 7));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setNetworkLastRegistered(long v) {
        putU64(key(SYSTEM, 7), v);
    }

    public long nextProposalId() {
        return u64(key(SYSTEM, 8));
    }

    public void setNextProposalId(long v) {
        putU64(key(SYSTEM, 8), v);
    }

    /** The sudo key of a dev chain, or null. */
    public AccountId sudoKey() {
        byte[] v = kv.get(key(SYSTEM, 9));
        return v == null ? null : new AccountId(v);
    }

    public void setSudoKey(AccountId a) {
        if (a == null) {
            kv.delete(key(SYSTEM, 9));
        } else {
            kv.put(key(SYSTEM, 9), a.bytes());
        }
    }

    /**
     * The accounts allowed to author blocks, as the chain spec listed them (empty when the genesis
     * named none). Part of the state, so the genesis hash commits to them: two nodes with different
     * authority sets are on different chains.
     */
    public List<AccountId> authorities() {
        byte[] v = kv.get(key(SYSTEM, 13));
        if (v == null) {
            return List.of();
        }
        ScaleReader r = new ScaleReader(v);
        long n = r.readCompact();
        List<AccountId> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(new AccountId(r.readFixedBytes(32)));
        }
        return out;
    }

    public void setAuthorities(List<AccountId> authorities) {
        if (authorities.isEmpty()) {
            kv.delete(key(SYSTEM, 13));
            return;
        }
        ScaleWriter w = new ScaleWriter();
        w.compact(authorities.size());
        authorities.forEach(a -> w.fixedBytes(a.bytes()));
        kv.put(key(SYSTEM, 13), w.toByteArray());
    }

    /** The sum of all stake on all hotkeys. */
    public long totalStake() {
        return u64(key(SYSTEM, 10));
    }

    public void setTotalStake(long v) {
        putU64(key(SYSTEM, 10), v);
    }

    public boolean isLive() {
        byte[] v = kv.get(key(SYSTEM, 11));
        return v != null && v[0] == 1;
    }

    public void setLive(boolean live) {
        kv.put(key(SYSTEM, 11), new byte[] {(byte) (live ? 1 : 0)});
    }

    /** The number of the last executed block (0 = genesis). */
    public long blockNumber() {
        return u64(key(SYSTEM, 12));
    }

    public void setBlockNumber(long v) {
        putU64(key(SYSTEM, 12), v);
    }

    // ================================================================ accounts

    public Account account(AccountId a) {
        byte[] v = kv.get(key(ACCOUNTS, 1, a.bytes()));
        if (v == null) {
            return Account.EMPTY;
        }
        ScaleReader r = new ScaleReader(v);
        return new Account(r.readU64(), r.readU64());
    }

    public void setAccount(AccountId a, Account acc) {
        byte[] k = key(ACCOUNTS, 1, a.bytes());
        if (acc.free() == 0 && acc.nonce() == 0) {
            kv.delete(k);
        } else {
            kv.put(k, ScaleWriter.encode(w -> w.u64(acc.free()).u64(acc.nonce())));
        }
    }

    public long free(AccountId a) {
        return account(a).free();
    }

    /** Every account with its state, in key order. */
    public List<Pair<AccountId, Account>> accounts() {
        List<Pair<AccountId, Account>> out = new ArrayList<>();
        kv.forEachWithPrefix(key(ACCOUNTS, 1), (k, v) -> {
            ScaleReader r = new ScaleReader(v);
            out.add(new Pair<>(new AccountId(Arrays.copyOfRange(k, 2, 34)), new Account(r.readU64(), r.readU64())));
        });
        return out;
    }

    // ================================================================ subnets

    public SubnetInfo subnet(int netuid) {
        byte[] v = kv.get(key(SUBNETS, 1, u16(netuid)));
        return v == null ? null : decodeSubnet(netuid, v);
    }

    public boolean subnetExists(int netuid) {
        return kv.get(key(SUBNETS, 1, u16(netuid))) != null;
    }

    public void setSubnet(SubnetInfo s) {
        kv.put(
                key(SUBNETS, 1, u16(s.netuid())),
                ScaleWriter.encode(w -> w.fixedBytes(s.owner().bytes())
                        .fixedBytes(s.ownerHotkey().bytes())
                        .u64(s.registeredAt())
                        .u64(s.lock())
                        .u64(s.burn())
                        .u64(s.lastHyperparamBlock())
                        .u64(s.lastMechanismStepBlock())
                        .u64(s.pendingEmission())
                        .u64(s.emissionValue())
                        .u64(s.emissionShare())
                        .u64(s.lastRegistrationBlock())
                        .u32(s.n())));
    }

    public void removeSubnet(int netuid) {
        kv.delete(key(SUBNETS, 1, u16(netuid)));
        kv.delete(key(SUBNETS, 2, u16(netuid)));
    }

    private static SubnetInfo decodeSubnet(int netuid, byte[] v) {
        ScaleReader r = new ScaleReader(v);
        return new SubnetInfo(
                netuid,
                new AccountId(r.readFixedBytes(32)),
                new AccountId(r.readFixedBytes(32)),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                (int) r.readU32());
    }

    /** All subnets, root (0) included, in netuid order. */
    public List<SubnetInfo> subnets() {
        List<SubnetInfo> out = new ArrayList<>();
        kv.forEachWithPrefix(key(SUBNETS, 1), (k, v) -> out.add(decodeSubnet(readU16(k, 2), v)));
        return out;
    }

    public Hyperparams hyperparams(int netuid) {
        byte[] v = kv.get(key(SUBNETS, 2, u16(netuid)));
        if (v == null) {
            return null;
        }
        ScaleReader r = new ScaleReader(v);
        return new Hyperparams(
                (int) r.readU32(),
                (int) r.readU32(),
                (int) r.readU32(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                (int) r.readU32(),
                r.readU64(),
                r.readU64(),
                r.readBool(),
                r.readBool(),
                (int) r.readU32(),
                (int) r.readU32(),
                r.readU64(),
                (int) r.readU32(),
                r.readBool(),
                r.readBool(),
                (int) r.readU32(),
                (int) r.readU32(),
                (int) (short) r.readU16(),
                r.readU64(),
                (int) r.readU32());
    }

    public void setHyperparams(int netuid, Hyperparams h) {
        kv.put(
                key(SUBNETS, 2, u16(netuid)),
                ScaleWriter.encode(w -> w.u32(h.tempo())
                        .u32(h.minAllowedWeights())
                        .u32(h.maxWeightsLimit())
                        .u64(h.weightsVersionKey())
                        .u64(h.weightsSetRateLimit())
                        .u64(h.immunityPeriod())
                        .u64(h.activityCutoff())
                        .u32(h.maxAllowedUids())
                        .u64(h.minBurn())
                        .u64(h.maxBurn())
                        .bool(h.registrationAllowed())
                        .bool(h.commitRevealEnabled())
                        .u32(h.revealPeriodEpochs())
                        .u32(h.kappa())
                        .u64(h.bondsMovingAverage())
                        .u32(h.bondsPenalty())
                        .bool(h.yuma3())
                        .bool(h.liquidAlpha())
                        .u32(h.alphaLow())
                        .u32(h.alphaHigh())
                        .u16(h.alphaSigmoidSteepness() & 0xFFFF)
                        .u64(h.servingRateLimit())
                        .u32(h.maxAllowedValidators())));
    }

    // ================================================================ neurons

    public NeuronInfo neuron(int netuid, int uid) {
        byte[] v = kv.get(key(NEURONS, 1, u16(netuid), u16(uid)));
        return v == null ? null : decodeNeuron(v);
    }

    public void setNeuron(int netuid, int uid, NeuronInfo n) {
        kv.put(key(NEURONS, 1, u16(netuid), u16(uid)), ScaleWriter.encode(w -> {
            w.fixedBytes(n.hotkey().bytes())
                    .u64(n.registeredAt())
                    .u64(n.lastUpdate())
                    .bool(n.validatorPermit())
                    .bool(n.active())
                    .u16(n.consensus())
                    .u16(n.incentive())
                    .u16(n.dividends())
                    .u16(n.validatorTrust())
                    .u64(n.emission())
                    .bool(n.axon() != null);
            if (n.axon() != null) {
                AxonInfo a = n.axon();
                w.bytes(a.ip())
                        .u16(a.port())
                        .u8(a.ipType())
                        .u8(a.protocol())
                        .u32(a.version())
                        .u64(a.block());
            }
        }));
    }

    private static NeuronInfo decodeNeuron(byte[] v) {
        ScaleReader r = new ScaleReader(v);
        AccountId hk = new AccountId(r.readFixedBytes(32));
        long reg = r.readU64();
        long lu = r.readU64();
        boolean permit = r.readBool();
        boolean active = r.readBool();
        int c = r.readU16();
        int i = r.readU16();
        int d = r.readU16();
        int vt = r.readU16();
        long e = r.readU64();
        AxonInfo axon = null;
        if (r.readBool()) {
            axon = new AxonInfo(r.readBytes(), r.readU16(), r.readU8(), r.readU8(), r.readU32(), r.readU64());
        }
        return new NeuronInfo(hk, reg, lu, permit, active, c, i, d, vt, e, axon);
    }

    /** The subnet's neurons in uid order (uids 0..n-1). */
    public List<NeuronInfo> neurons(int netuid) {
        List<NeuronInfo> out = new ArrayList<>();
        kv.forEachWithPrefix(key(NEURONS, 1, u16(netuid)), (k, v) -> out.add(decodeNeuron(v)));
        return out;
    }

    public void removeNeuron(int netuid, int uid) {
        kv.delete(key(NEURONS, 1, u16(netuid), u16(uid)));
    }

    /** The uid of a hotkey on a subnet, or -1. */
    public int uid(int netuid, AccountId hotkey) {
        byte[] v = kv.get(key(NEURONS, 2, u16(netuid), hotkey.bytes()));
        return v == null ? -1 : ((v[0] & 0xFF) << 8) | (v[1] & 0xFF);
    }

    public void setUid(int netuid, AccountId hotkey, int uid) {
        kv.put(key(NEURONS, 2, u16(netuid), hotkey.bytes()), u16(uid));
        kv.put(key(NEURONS, 6, hotkey.bytes(), u16(netuid)), new byte[0]);
    }

    /** Removes the hotkey's uid on the subnet, and with it the hotkey's period floors and commitment there. */
    public void removeUid(int netuid, AccountId hotkey) {
        kv.delete(key(COMMITMENTS, 1, u16(netuid), hotkey.bytes()));
        kv.delete(key(NEURONS, 2, u16(netuid), hotkey.bytes()));
        kv.delete(key(NEURONS, 6, hotkey.bytes(), u16(netuid)));
        clearPeriodFloors(netuid, hotkey);
    }

    /** The netuids where a hotkey holds a uid, in order. */
    public List<Integer> netuidsOf(AccountId hotkey) {
        List<Integer> out = new ArrayList<>();
        kv.forEachWithPrefix(key(NEURONS, 6, hotkey.bytes()), (k, v) -> out.add(readU16(k, 2 + 32)));
        return out;
    }

    public SparseRow weights(int netuid, int uid) {
        return row(key(NEURONS, 3, u16(netuid), u16(uid)));
    }

    public void setWeights(int netuid, int uid, SparseRow row) {
        setRow(key(NEURONS, 3, u16(netuid), u16(uid)), row);
    }

    public SparseRow bonds(int netuid, int uid) {
        return row(key(NEURONS, 4, u16(netuid), u16(uid)));
    }

    public void setBonds(int netuid, int uid, SparseRow row) {
        setRow(key(NEURONS, 4, u16(netuid), u16(uid)), row);
    }

    public List<WeightCommit> commits(int netuid, AccountId hotkey) {
        byte[] v = kv.get(key(NEURONS, 5, u16(netuid), hotkey.bytes()));
        if (v == null) {
            return List.of();
        }
        return new ScaleReader(v).readVec(r -> new WeightCommit(r.readFixedBytes(32), r.readU64(), r.readU64()));
    }

    public void setCommits(int netuid, AccountId hotkey, List<WeightCommit> commits) {
        byte[] k = key(NEURONS, 5, u16(netuid), hotkey.bytes());
        if (commits.isEmpty()) {
            kv.delete(k);
        } else {
            kv.put(
                    k,
                    ScaleWriter.encode(w -> w.vec(
                            commits,
                            (ww, c) -> ww.fixedBytes(c.hash()).u64(c.block()).u64(c.epoch()))));
        }
    }

    /** Every hotkey on the subnet with pending commits, in key order. */
    public List<Pair<AccountId, List<WeightCommit>>> allCommits(int netuid) {
        List<Pair<AccountId, List<WeightCommit>>> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(NEURONS, 5, u16(netuid)),
                (k, v) -> out.add(new Pair<>(
                        new AccountId(Arrays.copyOfRange(k, 4, 36)),
                        new ScaleReader(v)
                                .readVec(r -> new WeightCommit(r.readFixedBytes(32), r.readU64(), r.readU64())))));
        return out;
    }

    private SparseRow row(byte[] k) {
        byte[] v = kv.get(k);
        if (v == null) {
            return SparseRow.EMPTY;
        }
        ScaleReader r = new ScaleReader(v);
        int len = r.readLength();
        int[] d = new int[len];
        int[] x = new int[len];
        for (int i = 0; i < len; i++) {
            d[i] = r.readU16();
            x[i] = r.readU16();
        }
        return SparseRow.of(d, x);
    }

    private void setRow(byte[] k, SparseRow row) {
        if (row.isEmpty()) {
            kv.delete(k);
            return;
        }
        kv.put(k, ScaleWriter.encode(w -> {
            w.compact(row.size());
            for (int i = 0; i < row.size(); i++) {
                w.u16(row.dest(i)).u16(row.value(i));
            }
        }));
    }

    /** Removes every neuron-scoped item of a subnet, period floors included (used when a subnet is dissolved). */
    public void clearSubnetNeurons(int netuid) {
        clearPeriodFloors(netuid);
        clearChildkeys(netuid);
        deletePrefix(key(COMMITMENTS, 1, u16(netuid)));
        for (int item = 1; item <= 5; item++) {
            List<byte[]> keys = new ArrayList<>();
            kv.forEachWithPrefix(key(NEURONS, item, u16(netuid)), (k, v) -> keys.add(k));
            for (byte[] k : keys) {
                if (item == 2) {
                    kv.delete(key(NEURONS, 6, Arrays.copyOfRange(k, 4, 36), u16(netuid)));
                }
                kv.delete(k);
            }
        }
    }

    /** Every stored weight row of a subnet as (uid, row), in uid order (root: rows over netuids). */
    public List<Pair<Integer, SparseRow>> weightRows(int netuid) {
        List<byte[]> keys = new ArrayList<>();
        kv.forEachWithPrefix(key(NEURONS, 3, u16(netuid)), (k, v) -> keys.add(k));
        List<Pair<Integer, SparseRow>> out = new ArrayList<>();
        for (byte[] k : keys) {
            out.add(new Pair<>(readU16(k, 4), row(k)));
        }
        return out;
    }

    // ================================================================ stake

    /** The coldkey that owns a hotkey, or null. */
    public AccountId owner(AccountId hotkey) {
        byte[] v = kv.get(key(STAKE, 1, hotkey.bytes()));
        return v == null ? null : new AccountId(v);
    }

    public void setOwner(AccountId hotkey, AccountId coldkey) {
        AccountId before = owner(hotkey);
        if (before != null) {
            kv.delete(key(KEYS, 3, before.bytes(), hotkey.bytes()));
        }
        kv.put(key(STAKE, 1, hotkey.bytes()), coldkey.bytes());
        kv.put(key(KEYS, 3, coldkey.bytes(), hotkey.bytes()), new byte[0]);
    }

    /** Forgets a hotkey's owner (a swapped-away hotkey). */
    public void removeOwner(AccountId hotkey) {
        AccountId before = owner(hotkey);
        if (before != null) {
            kv.delete(key(KEYS, 3, before.bytes(), hotkey.bytes()));
        }
        kv.delete(key(STAKE, 1, hotkey.bytes()));
    }

    /** The hotkeys a coldkey owns, in key order (index kept by {@link #setOwner}). */
    public List<AccountId> ownedHotkeys(AccountId coldkey) {
        List<AccountId> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(KEYS, 3, coldkey.bytes()), (k, v) -> out.add(new AccountId(Arrays.copyOfRange(k, 34, 66))));
        return out;
    }

    public long stake(AccountId hotkey, AccountId coldkey) {
        return u64(key(STAKE, 2, hotkey.bytes(), coldkey.bytes()));
    }

    public void setStake(AccountId hotkey, AccountId coldkey, long amount) {
        byte[] k = key(STAKE, 2, hotkey.bytes(), coldkey.bytes());
        byte[] idx = key(STAKE, 6, coldkey.bytes(), hotkey.bytes());
        if (amount == 0) {
            kv.delete(k);
            kv.delete(idx);
        } else {
            putU64(k, amount);
            kv.put(idx, new byte[0]);
        }
    }

    /** A hotkey's stakers (coldkey, amount) in key order. */
    public List<Pair<AccountId, Long>> stakers(AccountId hotkey) {
        List<Pair<AccountId, Long>> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(STAKE, 2, hotkey.bytes()),
                (k, v) -> out.add(
                        new Pair<>(new AccountId(Arrays.copyOfRange(k, 34, 66)), new ScaleReader(v).readU64())));
        return out;
    }

    /** The hotkeys a coldkey stakes on, in key order. */
    public List<AccountId> stakedHotkeys(AccountId coldkey) {
        List<AccountId> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(STAKE, 6, coldkey.bytes()), (k, v) -> out.add(new AccountId(Arrays.copyOfRange(k, 34, 66))));
        return out;
    }

    public long totalHotkeyStake(AccountId hotkey) {
        return u64(key(STAKE, 3, hotkey.bytes()));
    }

    public void setTotalHotkeyStake(AccountId hotkey, long v) {
        byte[] k = key(STAKE, 3, hotkey.bytes());
        if (v == 0) {
            kv.delete(k);
        } else {
            putU64(k, v);
        }
    }

    /** Every hotkey with stake and its total, in key order. */
    public List<Pair<AccountId, Long>> hotkeyStakes() {
        List<Pair<AccountId, Long>> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(STAKE, 3),
                (k, v) ->
                        out.add(new Pair<>(new AccountId(Arrays.copyOfRange(k, 2, 34)), new ScaleReader(v).readU64())));
        return out;
    }

    // ---------------------------------------------------------------- period floors (just-in-time stake)

    /**
     * docs/spec/chain.md §5 "Only stake held for the whole period earns": the smallest stake
     * {@code coldkey} held on {@code hotkey} since the hotkey's last payout on {@code netuid}, recorded
     * only once a staking call changed it in that period; -1 when no call did. Key
     * {@code [STAKE][7][netuid][hotkey][coldkey]}, so that an epoch reads and clears its subnet's records
     * with one prefix scan.
     */
    public long periodFloor(int netuid, AccountId hotkey, AccountId coldkey) {
        byte[] v = kv.get(key(STAKE, 7, u16(netuid), hotkey.bytes(), coldkey.bytes()));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setPeriodFloor(int netuid, AccountId hotkey, AccountId coldkey, long floor) {
        putU64(key(STAKE, 7, u16(netuid), hotkey.bytes(), coldkey.bytes()), floor);
    }

    /** A recorded period floor: the smallest stake of {@code coldkey} on {@code hotkey} in the period. */
    public record PeriodFloor(AccountId hotkey, AccountId coldkey, long floor) {}

    /** Every period floor recorded on a subnet, in key order (hotkey, then coldkey). */
    public List<PeriodFloor> periodFloors(int netuid) {
        List<PeriodFloor> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(STAKE, 7, u16(netuid)),
                (k, v) -> out.add(new PeriodFloor(
                        new AccountId(Arrays.copyOfRange(k, 4, 36)),
                        new AccountId(Arrays.copyOfRange(k, 36, 68)),
                        new ScaleReader(v).readU64())));
        return out;
    }

    /** {@link #periodFloors} and {@link #clearPeriodFloors(int)} in one scan: what a subnet epoch does. */
    public List<PeriodFloor> takePeriodFloors(int netuid) {
        List<PeriodFloor> out = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        kv.forEachWithPrefix(key(STAKE, 7, u16(netuid)), (k, v) -> {
            keys.add(k);
            out.add(new PeriodFloor(
                    new AccountId(Arrays.copyOfRange(k, 4, 36)),
                    new AccountId(Arrays.copyOfRange(k, 36, 68)),
                    new ScaleReader(v).readU64()));
        });
        for (byte[] k : keys) {
            kv.delete(k);
        }
        return out;
    }

    /** Deletes the period floors of a subnet (every hotkey), e.g. when it is dissolved. */
    public void clearPeriodFloors(int netuid) {
        deletePrefix(key(STAKE, 7, u16(netuid)));
    }

    /** Deletes the period floors of one hotkey on a subnet (when it loses its uid there). */
    public void clearPeriodFloors(int netuid, AccountId hotkey) {
        deletePrefix(key(STAKE, 7, u16(netuid), hotkey.bytes()));
    }

    private void deletePrefix(byte[] prefix) {
        List<byte[]> keys = new ArrayList<>();
        kv.forEachWithPrefix(prefix, (k, v) -> keys.add(k));
        for (byte[] k : keys) {
            kv.delete(k);
        }
    }

    /** A hotkey's take in parts per million; {@code dflt} when it never set one. */
    public int take(AccountId hotkey, int dflt) {
        byte[] v = kv.get(key(STAKE, 4, hotkey.bytes()));
        return v == null ? dflt : (int) new ScaleReader(v).readU32();
    }

    public void setTake(AccountId hotkey, int takePpm) {
        kv.put(key(STAKE, 4, hotkey.bytes()), ScaleWriter.encode(w -> w.u32(takePpm)));
    }

    /** Block of the hotkey's last take increase, or -1. */
    public long lastTakeIncrease(AccountId hotkey) {
        byte[] v = kv.get(key(STAKE, 5, hotkey.bytes()));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setLastTakeIncrease(AccountId hotkey, long block) {
        putU64(key(STAKE, 5, hotkey.bytes()), block);
    }

    // ================================================================ childkeys (docs/spec/chain.md §5)

    /** One (proportion, hotkey) link: a child seen from its parent, or a parent seen from its child. */
    public record Link(long proportion, AccountId hotkey) {}

    /** A hotkey's children on a subnet in effect now, in the order set. Key [8][1][netuid][parent]. */
    public List<Link> children(int netuid, AccountId parent) {
        byte[] v = kv.get(key(CHILDKEYS, 1, u16(netuid), parent.bytes()));
        return v == null ? List.of() : decodeLinks(new ScaleReader(v));
    }

    /** A hotkey's parents on a subnet in effect now (proportion each lends), in parent key order. Key [8][2][netuid][child][parent]. */
    public List<Link> parents(int netuid, AccountId child) {
        List<Link> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(CHILDKEYS, 2, u16(netuid), child.bytes()),
                (k, v) ->
                        out.add(new Link(new ScaleReader(v).readU64(), new AccountId(Arrays.copyOfRange(k, 36, 68)))));
        return out;
    }

    /** Replaces a parent's children in effect, keeping the parents index in step. */
    public void setChildren(int netuid, AccountId parent, List<Link> children) {
        for (Link old : children(netuid, parent)) {
            kv.delete(key(CHILDKEYS, 2, u16(netuid), old.hotkey().bytes(), parent.bytes()));
        }
        byte[] k = key(CHILDKEYS, 1, u16(netuid), parent.bytes());
        if (children.isEmpty()) {
            kv.delete(k);
            return;
        }
        kv.put(k, encodeLinks(children));
        for (Link c : children) {
            putU64(key(CHILDKEYS, 2, u16(netuid), c.hotkey().bytes(), parent.bytes()), c.proportion());
        }
    }

    /** A pending children list and the block it takes effect at. */
    public record PendingChildren(long effectiveBlock, List<Link> children) {}

    /** The pending children of a hotkey on a subnet, or null. Key [8][3][netuid][parent]. */
    public PendingChildren pendingChildren(int netuid, AccountId parent) {
        byte[] v = kv.get(key(CHILDKEYS, 3, u16(netuid), parent.bytes()));
        if (v == null) {
            return null;
        }
        ScaleReader r = new ScaleReader(v);
        long at = r.readU64();
        return new PendingChildren(at, decodeLinks(r));
    }

    /**
     * Records (or, with null, removes) a pending list, with its due index entry [8][4][block][netuid][parent]
     * and its pending-parents index entries [8][8][netuid][child][parent].
     */
    public void setPendingChildren(int netuid, AccountId parent, PendingChildren p) {
        PendingChildren old = pendingChildren(netuid, parent);
        if (old != null) {
            kv.delete(key(CHILDKEYS, 4, u64Bytes(old.effectiveBlock()), u16(netuid), parent.bytes()));
            for (Link l : old.children()) {
                kv.delete(key(CHILDKEYS, 8, u16(netuid), l.hotkey().bytes(), parent.bytes()));
            }
        }
        byte[] k = key(CHILDKEYS, 3, u16(netuid), parent.bytes());
        if (p == null) {
            kv.delete(k);
            return;
        }
        byte[] links = encodeLinks(p.children());
        kv.put(k, ScaleWriter.encode(w -> w.u64(p.effectiveBlock()).fixedBytes(links)));
        kv.put(key(CHILDKEYS, 4, u64Bytes(p.effectiveBlock()), u16(netuid), parent.bytes()), new byte[0]);
        for (Link l : p.children()) {
            kv.put(key(CHILDKEYS, 8, u16(netuid), l.hotkey().bytes(), parent.bytes()), new byte[0]);
        }
    }

    /** The hotkeys whose pending lists on the subnet name {@code child}, in key order. Key [8][8][netuid][child][parent]. */
    public List<AccountId> pendingParents(int netuid, AccountId child) {
        List<AccountId> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(CHILDKEYS, 8, u16(netuid), child.bytes()),
                (k, v) -> out.add(new AccountId(Arrays.copyOfRange(k, 36, 68))));
        return out;
    }

    /** Whether the hotkey has any childkey record on the subnet: a link either way (in effect or pending), a take, a rate-limit record. */
    public boolean hasChildkeyRecords(int netuid, AccountId hotkey) {
        if (!children(netuid, hotkey).isEmpty()
                || pendingChildren(netuid, hotkey) != null
                || !parents(netuid, hotkey).isEmpty()
                || !pendingParents(netuid, hotkey).isEmpty()) {
            return true;
        }
        for (int item : new int[] {5, 6, 7}) {
            if (kv.get(key(CHILDKEYS, item, u16(netuid), hotkey.bytes())) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves every childkey record of {@code oldHotkey} on the subnet to {@code newHotkey} (a hotkey swap,
     * docs/spec/chain.md §10): its children in effect and pending (same effective block), its place in
     * other hotkeys' lists in effect and pending (same position and proportion) with both parents
     * indexes, its childkey take and its two rate-limit records. {@code newHotkey} must have none.
     */
    public void moveChildkeys(int netuid, AccountId oldHotkey, AccountId newHotkey) {
        List<Link> kids = children(netuid, oldHotkey);
        if (!kids.isEmpty()) {
            setChildren(netuid, oldHotkey, List.of());
            setChildren(netuid, newHotkey, kids);
        }
        PendingChildren own = pendingChildren(netuid, oldHotkey);
        if (own != null) {
            setPendingChildren(netuid, oldHotkey, null);
            setPendingChildren(netuid, newHotkey, own);
        }
        for (Link parent : parents(netuid, oldHotkey)) {
            setChildren(netuid, parent.hotkey(), relink(children(netuid, parent.hotkey()), oldHotkey, newHotkey));
        }
        for (AccountId parent : pendingParents(netuid, oldHotkey)) {
            PendingChildren p = pendingChildren(netuid, parent);
            setPendingChildren(
                    netuid,
                    parent,
                    new PendingChildren(p.effectiveBlock(), relink(p.children(), oldHotkey, newHotkey)));
        }
        for (int item : new int[] {5, 6, 7}) {
            byte[] from = key(CHILDKEYS, item, u16(netuid), oldHotkey.bytes());
            byte[] v = kv.get(from);
            if (v != null) {
                kv.put(key(CHILDKEYS, item, u16(netuid), newHotkey.bytes()), v);
                kv.delete(from);
            }
        }
    }

    private static List<Link> relink(List<Link> links, AccountId from, AccountId to) {
        List<Link> out = new ArrayList<>(links.size());
        for (Link l : links) {
            out.add(l.hotkey().equals(from) ? new Link(l.proportion(), to) : l);
        }
        return out;
    }

    /** The (netuid, parent) pairs whose pending lists fall due at {@code block}, in key order. */
    public List<Pair<Integer, AccountId>> pendingChildrenDue(long block) {
        List<Pair<Integer, AccountId>> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(CHILDKEYS, 4, u64Bytes(block)),
                (k, v) -> out.add(new Pair<>(readU16(k, 10), new AccountId(Arrays.copyOfRange(k, 12, 44)))));
        return out;
    }

    /** Deletes one index entry of {@link #pendingChildrenDue} (a stale one, after a dissolution). */
    public void removePendingChildrenIndex(long block, int netuid, AccountId parent) {
        kv.delete(key(CHILDKEYS, 4, u64Bytes(block), u16(netuid), parent.bytes()));
    }

    /** Block of the last accepted set_children of the hotkey on the subnet, or -1. */
    public long lastSetChildren(int netuid, AccountId parent) {
        byte[] v = kv.get(key(CHILDKEYS, 5, u16(netuid), parent.bytes()));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setLastSetChildren(int netuid, AccountId parent, long block) {
        putU64(key(CHILDKEYS, 5, u16(netuid), parent.bytes()), block);
    }

    /** The take a hotkey keeps as a child on a subnet, ppm (default 0). */
    public int childkeyTake(int netuid, AccountId hotkey) {
        byte[] v = kv.get(key(CHILDKEYS, 6, u16(netuid), hotkey.bytes()));
        return v == null ? 0 : (int) new ScaleReader(v).readU32();
    }

    public void setChildkeyTake(int netuid, AccountId hotkey, int takePpm) {
        kv.put(key(CHILDKEYS, 6, u16(netuid), hotkey.bytes()), ScaleWriter.encode(w -> w.u32(takePpm)));
    }

    /** Block of the hotkey's last childkey take increase on the subnet, or -1. */
    public long lastChildkeyTakeIncrease(int netuid, AccountId hotkey) {
        byte[] v = kv.get(key(CHILDKEYS, 7, u16(netuid), hotkey.bytes()));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setLastChildkeyTakeIncrease(int netuid, AccountId hotkey, long block) {
        putU64(key(CHILDKEYS, 7, u16(netuid), hotkey.bytes()), block);
    }

    /** Deletes every childkey record of a subnet (dissolution); pending index entries are skipped when due. */
    public void clearChildkeys(int netuid) {
        for (int item : new int[] {1, 2, 3, 5, 6, 7, 8}) {
            deletePrefix(key(CHILDKEYS, item, u16(netuid)));
        }
    }

    private static byte[] encodeLinks(List<Link> links) {
        return ScaleWriter.encode(w -> {
            w.compact(links.size());
            for (Link l : links) {
                w.u64(l.proportion()).fixedBytes(l.hotkey().bytes());
            }
        });
    }

    private static List<Link> decodeLinks(ScaleReader r) {
        int n = r.readLength();
        List<Link> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Link(r.readU64(), new AccountId(r.readFixedBytes(32))));
        }
        return out;
    }

    // ================================================================ governance

    public Proposal proposal(long id) {
        byte[] v = kv.get(key(GOVERNANCE, 1, u64Bytes(id)));
        return v == null ? null : decodeProposal(id, v);
    }

    public void setProposal(Proposal p) {
        kv.put(
                key(GOVERNANCE, 1, u64Bytes(p.id())),
                ScaleWriter.encode(w -> w.fixedBytes(p.proposer().bytes())
                        .bytes(p.call())
                        .vec(p.ayes(), (ww, a) -> ww.fixedBytes(a.bytes()))
                        .vec(p.nays(), (ww, a) -> ww.fixedBytes(a.bytes()))
                        .u64(p.end())));
    }

    public void removeProposal(long id) {
        kv.delete(key(GOVERNANCE, 1, u64Bytes(id)));
    }

    public List<Proposal> proposals() {
        List<Proposal> out = new ArrayList<>();
        kv.forEachWithPrefix(key(GOVERNANCE, 1), (k, v) -> out.add(decodeProposal(readU64(k, 2), v)));
        return out;
    }

    private static Proposal decodeProposal(long id, byte[] v) {
        ScaleReader r = new ScaleReader(v);
        Function<ScaleReader, AccountId> acc = rr -> new AccountId(rr.readFixedBytes(32));
        return new Proposal(id, acc.apply(r), r.readBytes(), r.readVec(acc), r.readVec(acc), r.readU64());
    }

    // ================================================================ key safety (docs/spec/chain.md §10)

    /** Block of the coldkey's last hotkey swap, or -1. */
    public long lastHotkeySwap(AccountId coldkey) {
        byte[] v = kv.get(key(KEYS, 1, coldkey.bytes()));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setLastHotkeySwap(AccountId coldkey, long block) {
        putU64(key(KEYS, 1, coldkey.bytes()), block);
    }

    /** A pending coldkey swap: the announced hash, the block it was announced, and whether it is frozen. */
    public record ColdkeySwap(byte[] newColdkeyHash, long announcedAt, boolean disputed) {}

    public ColdkeySwap coldkeySwap(AccountId coldkey) {
        byte[] v = kv.get(key(KEYS, 2, coldkey.bytes()));
        if (v == null) {
            return null;
        }
        ScaleReader r = new ScaleReader(v);
        return new ColdkeySwap(r.readFixedBytes(32), r.readU64(), r.readBool());
    }

    public void setColdkeySwap(AccountId coldkey, ColdkeySwap swap) {
        byte[] k = key(KEYS, 2, coldkey.bytes());
        if (swap == null) {
            kv.delete(k);
        } else {
            kv.put(
                    k,
                    ScaleWriter.encode(w -> w.fixedBytes(swap.newColdkeyHash())
                            .u64(swap.announcedAt())
                            .bool(swap.disputed())));
        }
    }

    /** Every pending coldkey swap (coldkey, swap), in key order: bounded by the accounts that paid to announce. */
    public List<Pair<AccountId, ColdkeySwap>> coldkeySwaps() {
        List<Pair<AccountId, ColdkeySwap>> out = new ArrayList<>();
        kv.forEachWithPrefix(key(KEYS, 2), (k, v) -> {
            ScaleReader r = new ScaleReader(v);
            out.add(new Pair<>(
                    new AccountId(Arrays.copyOfRange(k, 2, 34)),
                    new ColdkeySwap(r.readFixedBytes(32), r.readU64(), r.readBool())));
        });
        return out;
    }

    /**
     * Moves the neuron-scoped records of {@code oldHotkey}'s uid on {@code netuid} to {@code newHotkey}:
     * the neuron record's hotkey, the uid index, the hotkey's subnet index and its period floors.
     * Pending weight commits of the old hotkey are dropped (their hash covers the hotkey).
     */
    public void moveRegistration(int netuid, AccountId oldHotkey, AccountId newHotkey) {
        int uid = uid(netuid, oldHotkey);
        if (uid < 0) {
            throw new IllegalStateException(oldHotkey + " holds no uid on " + netuid);
        }
        NeuronInfo n = neuron(netuid, uid);
        setNeuron(
                netuid,
                uid,
                new NeuronInfo(
                        newHotkey,
                        n.registeredAt(),
                        n.lastUpdate(),
                        n.validatorPermit(),
                        n.active(),
                        n.consensus(),
                        n.incentive(),
                        n.dividends(),
                        n.validatorTrust(),
                        n.emission(),
                        n.axon()));
        kv.delete(key(NEURONS, 2, u16(netuid), oldHotkey.bytes()));
        kv.delete(key(NEURONS, 6, oldHotkey.bytes(), u16(netuid)));
        kv.delete(key(NEURONS, 5, u16(netuid), oldHotkey.bytes()));
        setUid(netuid, newHotkey, uid);
        Commitment cm = commitment(netuid, oldHotkey);
        if (cm != null) {
            kv.delete(key(COMMITMENTS, 1, u16(netuid), oldHotkey.bytes()));
            setCommitment(netuid, newHotkey, cm);
        }
        List<PeriodFloor> floors = new ArrayList<>();
        kv.forEachWithPrefix(
                key(STAKE, 7, u16(netuid), oldHotkey.bytes()),
                (k, v) -> floors.add(new PeriodFloor(
                        oldHotkey, new AccountId(Arrays.copyOfRange(k, 36, 68)), new ScaleReader(v).readU64())));
        clearPeriodFloors(netuid, oldHotkey);
        for (PeriodFloor f : floors) {
            setPeriodFloor(netuid, newHotkey, f.coldkey(), f.floor());
        }
    }

    /** Moves a period floor of {@code (netuid, hotkey)} from one staker to another (a coldkey swap). */
    public void movePeriodFloor(int netuid, AccountId hotkey, AccountId fromColdkey, AccountId toColdkey) {
        long f = periodFloor(netuid, hotkey, fromColdkey);
        if (f >= 0) {
            kv.delete(key(STAKE, 7, u16(netuid), hotkey.bytes(), fromColdkey.bytes()));
            setPeriodFloor(netuid, hotkey, toColdkey, f);
        }
    }

    /** Moves the take and the last take increase of a hotkey to another. */
    public void moveTake(AccountId from, AccountId to) {
        for (int item : new int[] {4, 5}) {
            byte[] v = kv.get(key(STAKE, item, from.bytes()));
            if (v != null) {
                kv.put(key(STAKE, item, to.bytes()), v);
                kv.delete(key(STAKE, item, from.bytes()));
            }
        }
    }

    // ================================================================ proxies (docs/spec/chain.md §10)

    /** One proxy of a real account: the delegate, the type id ({@code tx.ProxyType}) and the delay in blocks. */
    public record ProxyDef(AccountId delegate, int type, long delay) {}

    /** The real account's proxies, in the order added. */
    public List<ProxyDef> proxies(AccountId real) {
        byte[] v = kv.get(key(PROXY, 1, real.bytes()));
        if (v == null) {
            return List.of();
        }
        return new ScaleReader(v)
                .readVec(r -> new ProxyDef(new AccountId(r.readFixedBytes(32)), r.readU8(), r.readU32()));
    }

    public void setProxies(AccountId real, List<ProxyDef> proxies) {
        byte[] k = key(PROXY, 1, real.bytes());
        if (proxies.isEmpty()) {
            kv.delete(k);
        } else {
            kv.put(
                    k,
                    ScaleWriter.encode(w -> w.vec(
                            proxies,
                            (ww, p) -> ww.fixedBytes(p.delegate().bytes())
                                    .u8(p.type())
                                    .u32(p.delay()))));
        }
    }

    /** A call a delegate announced for a real account: Blake2-256 of its SCALE form, and the block. */
    public record ProxyAnnouncement(AccountId real, byte[] callHash, long block) {}

    /** A delegate's pending announcements, oldest first. */
    public List<ProxyAnnouncement> proxyAnnouncements(AccountId delegate) {
        byte[] v = kv.get(key(PROXY, 2, delegate.bytes()));
        if (v == null) {
            return List.of();
        }
        return new ScaleReader(v)
                .readVec(r ->
                        new ProxyAnnouncement(new AccountId(r.readFixedBytes(32)), r.readFixedBytes(32), r.readU64()));
    }

    public void setProxyAnnouncements(AccountId delegate, List<ProxyAnnouncement> list) {
        byte[] k = key(PROXY, 2, delegate.bytes());
        if (list.isEmpty()) {
            kv.delete(k);
        } else {
            kv.put(
                    k,
                    ScaleWriter.encode(w -> w.vec(
                            list,
                            (ww, a) -> ww.fixedBytes(a.real().bytes())
                                    .fixedBytes(a.callHash())
                                    .u64(a.block()))));
        }
    }

    // ================================================================ commitments (docs/spec/chain.md §11)

    /** A hotkey's published data on a subnet and the block it was set at. */
    public record Commitment(long block, byte[] data) {}

    public Commitment commitment(int netuid, AccountId hotkey) {
        byte[] v = kv.get(key(COMMITMENTS, 1, u16(netuid), hotkey.bytes()));
        if (v == null) {
            return null;
        }
        ScaleReader r = new ScaleReader(v);
        return new Commitment(r.readU64(), r.readBytes());
    }

    public void setCommitment(int netuid, AccountId hotkey, Commitment c) {
        byte[] k = key(COMMITMENTS, 1, u16(netuid), hotkey.bytes());
        if (c == null) {
            kv.delete(k);
        } else {
            kv.put(k, ScaleWriter.encode(w -> w.u64(c.block()).bytes(c.data())));
        }
    }

    /** Every commitment on a subnet (hotkey, commitment), in key order: at most one per uid. */
    public List<Pair<AccountId, Commitment>> commitments(int netuid) {
        List<Pair<AccountId, Commitment>> out = new ArrayList<>();
        kv.forEachWithPrefix(key(COMMITMENTS, 1, u16(netuid)), (k, v) -> {
            ScaleReader r = new ScaleReader(v);
            out.add(new Pair<>(
                    new AccountId(Arrays.copyOfRange(k, 4, 36)), new Commitment(r.readU64(), r.readBytes())));
        });
        return out;
    }

    // ================================================================ payment channels (docs/spec/chain.md §12)

    /**
     * A payment channel. {@code grace} is the claim grace in force when it was opened, so that its claim
     * deadline, {@code expiresAt + grace}, cannot be cut by a later change of the parameter.
     */
    public record Channel(
            org.tao4j.core.crypto.H256 id,
            AccountId client,
            AccountId gateway,
            int netuid,
            long deposit,
            long claimed,
            long expiresAt,
            long grace,
            boolean closed) {

        /** The last block at which the gateway may claim; the client may close after it. */
        public long claimDeadline() {
            return expiresAt + grace;
        }

        /** What the channel still holds: deposit - claimed while open, 0 once closed. */
        public long locked() {
            return closed ? 0 : deposit - claimed;
        }

        public Channel with(long newDeposit, long newClaimed, long newExpiresAt, boolean newClosed) {
            return new Channel(id, client, gateway, netuid, newDeposit, newClaimed, newExpiresAt, grace, newClosed);
        }
    }

    /** The claim grace in blocks set by governance, or -1 when never set (the runtime's default applies). */
    public long claimGraceOrUnset() {
        byte[] v = kv.get(key(CHANNELS, 0));
        return v == null ? -1 : new ScaleReader(v).readU64();
    }

    public void setClaimGrace(long blocks) {
        putU64(key(CHANNELS, 0), blocks);
    }

    public Channel channel(org.tao4j.core.crypto.H256 id) {
        byte[] v = kv.get(key(CHANNELS, 1, id.bytes()));
        return v == null ? null : decodeChannel(id, v);
    }

    private static Channel decodeChannel(org.tao4j.core.crypto.H256 id, byte[] v) {
        ScaleReader r = new ScaleReader(v);
        return new Channel(
                id,
                new AccountId(r.readFixedBytes(32)),
                new AccountId(r.readFixedBytes(32)),
                r.readU16(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readBool());
    }

    /**
     * Stores a channel, keeping the indexes (by client and by gateway) and the total locked in channels
     * ({@link #channelsLocked}) in step with it.
     */
    public void setChannel(Channel c) {
        Channel old = channel(c.id());
        long locked = channelsLocked() - (old == null ? 0 : old.locked()) + c.locked();
        putU64(key(CHANNELS, 5), locked);
        kv.put(
                key(CHANNELS, 1, c.id().bytes()),
                ScaleWriter.encode(w -> w.fixedBytes(c.client().bytes())
                        .fixedBytes(c.gateway().bytes())
                        .u16(c.netuid())
                        .u64(c.deposit())
                        .u64(c.claimed())
                        .u64(c.expiresAt())
                        .u64(c.grace())
                        .bool(c.closed())));
        if (old == null) {
            kv.put(key(CHANNELS, 4, c.client().bytes(), c.id().bytes()), new byte[0]);
            kv.put(key(CHANNELS, 4, c.gateway().bytes(), c.id().bytes()), new byte[0]);
        }
    }

    /** How many channels the client has opened so far (the next channel's id counter). */
    public long channelCounter(AccountId client) {
        return u64(key(CHANNELS, 2, client.bytes()));
    }

    public void setChannelCounter(AccountId client, long n) {
        putU64(key(CHANNELS, 2, client.bytes()), n);
    }

    /** How many of the client's channels are not closed. */
    public long openChannels(AccountId client) {
        return u64(key(CHANNELS, 3, client.bytes()));
    }

    public void setOpenChannels(AccountId client, long n) {
        byte[] k = key(CHANNELS, 3, client.bytes());
        if (n == 0) {
            kv.delete(k);
        } else {
            putU64(k, n);
        }
    }

    /** The rao held by every open channel: part of the issuance (docs/spec/chain.md §8), not stake. */
    public long channelsLocked() {
        return u64(key(CHANNELS, 5));
    }

    /**
     * The ids of the channels where {@code account} is the client or the gateway, in id order, after
     * {@code after} (exclusive; null from the start), at most {@code limit}.
     */
    public List<org.tao4j.core.crypto.H256> channelIdsOf(
            AccountId account, org.tao4j.core.crypto.H256 after, int limit) {
        List<org.tao4j.core.crypto.H256> out = new ArrayList<>();
        byte[] prefix = key(CHANNELS, 4, account.bytes());
        byte[] afterBytes = after == null ? null : after.bytes();
        kv.forEachWithPrefix(prefix, (k, v) -> {
            if (out.size() >= limit) {
                return;
            }
            byte[] id = Arrays.copyOfRange(k, prefix.length, prefix.length + 32);
            if (afterBytes == null || Arrays.compareUnsigned(id, afterBytes) > 0) {
                out.add(new org.tao4j.core.crypto.H256(id));
            }
        });
        return out;
    }

    /** Every channel, in id order (tests, audits). */
    public List<Channel> channels() {
        List<Channel> out = new ArrayList<>();
        kv.forEachWithPrefix(
                key(CHANNELS, 1),
                (k, v) -> out.add(decodeChannel(new org.tao4j.core.crypto.H256(Arrays.copyOfRange(k, 2, 34)), v)));
        return out;
    }

    // ================================================================ helpers

    /** A pair of values, for listings. */
    public record Pair<A, B>(A first, B second) {}

    private long u64(byte[] k) {
        byte[] v = kv.get(k);
        return v == null ? 0 : new ScaleReader(v).readU64();
    }

    private void putU64(byte[] k, long v) {
        kv.put(k, ScaleWriter.encode(w -> w.u64(v)));
    }

    static byte[] key(byte module, int item, byte[]... parts) {
        int len = 2;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] k = new byte[len];
        k[0] = module;
        k[1] = (byte) item;
        int off = 2;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, k, off, p.length);
            off += p.length;
        }
        return k;
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u64Bytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    static int readU16(byte[] k, int off) {
        return ((k[off] & 0xFF) << 8) | (k[off + 1] & 0xFF);
    }

    static long readU64(byte[] k, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (k[off + i] & 0xFF);
        }
        return v;
    }
}
