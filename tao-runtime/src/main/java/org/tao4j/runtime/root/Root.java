package org.tao4j.runtime.root;

import static org.tao4j.core.fixed.I32F32.ONE_BITS;
import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.fromIntBits;
import static org.tao4j.core.fixed.I32F32.mulBits;
import static org.tao4j.core.fixed.I32F32.safeDivBits;
import static org.tao4j.core.fixed.I32F32.subBits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.fixed.I64F64;
import org.tao4j.core.fixed.Transcendental;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;

/**
 * The root network (docs/spec/chain.md §6): membership ({@code root_register}), root weights over subnets
 * ({@code set_root_weights}) and the root epoch that turns them into each subnet's share of the
 * block emission.
 *
 * <p>Root members are the neurons of netuid 0. Their uids are dense (0..n-1): a member only ever
 * leaves by being replaced, and the newcomer takes its uid. A member's root weights are the weight
 * row {@code weights(0, uid)}, whose dests are netuids rather than uids.
 *
 * <p>Consensus code: fixed-point arithmetic only (docs/spec/yuma.md §1), sums are left folds in uid order,
 * no hash-order iteration.
 */
public final class Root {

    /** The root network's netuid. */
    public static final int ROOT = 0;

    /** ρ of the root consensus sigmoid (docs/spec/chain.md §6), I32F32 bits. */
    static final long RHO_BITS = 10L << 32;

    /** κ of the root consensus sigmoid (docs/spec/chain.md §6): exactly 0.5, I32F32 bits. */
    static final long KAPPA_BITS = ONE_BITS / 2;

    private Root() {}

    // ---------------------------------------------------------------- root_register

    /**
     * docs/spec/chain.md §6 "Membership": signed by the coldkey that owns {@code hotkey} (a hotkey without an
     * owner becomes the signer's). Below {@code root_slots} members the hotkey takes the next uid;
     * when root is full it replaces the member with the least total stake, but only if its own
     * total stake is strictly greater. Among members with equally little stake the one registered
     * last is replaced, then the highest uid: incumbents that have held their seat longer keep it.
     * The replaced member loses its uid and its root weights.
     */
    public static void rootRegister(DispatchContext ctx, Call.RootRegister c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        AccountId hotkey = c.hotkey();
        AccountId owner = s.owner(hotkey);
        DispatchFailure.ensure(
                owner == null || owner.equals(coldkey),
                DispatchError.HotkeyOwnedByOther,
                "hotkey " + hotkey.toSs58() + " is owned by " + (owner == null ? "" : owner.toSs58()));
        int existing = s.uid(ROOT, hotkey);
        DispatchFailure.ensure(
                existing < 0,
                DispatchError.AlreadyRegistered,
                "hotkey " + hotkey.toSs58() + " is already root member uid " + existing);
        SubnetInfo root = rootSubnet(s);
        int slots = ctx.params().rootSlots();
        long stake = s.totalHotkeyStake(hotkey);
        long block = ctx.block();

        int uid;
        int n = root.n();
        AccountId replaced = null;
        if (n < slots) {
            uid = n;
            n++;
        } else {
            List<NeuronInfo> members = s.neurons(ROOT);
            uid = leastStakedMember(s, members);
            DispatchFailure.ensure(uid >= 0, DispatchError.RootFull, "the root network has no slots");
            long lowest = s.totalHotkeyStake(members.get(uid).hotkey());
            DispatchFailure.ensure(
                    Long.compareUnsigned(stake, lowest) > 0,
                    DispatchError.RootFull,
                    "all " + slots + " slots are taken; the hotkey's total stake of " + Long.toUnsignedString(stake)
                            + " rao must exceed the smallest member's " + Long.toUnsignedString(lowest) + " rao (uid "
                            + uid + ")");
            replaced = members.get(uid).hotkey();
            s.removeUid(ROOT, replaced);
            s.setWeights(ROOT, uid, SparseRow.EMPTY);
        }
        if (owner == null) {
            s.setOwner(hotkey, coldkey);
        }
        s.setNeuron(ROOT, uid, NeuronInfo.fresh(hotkey, block));
        s.setUid(ROOT, hotkey, uid);
        s.setSubnet(root.withRegistration(block, n, root.burn()));
        if (replaced != null) {
            ctx.emit(new Event.RootMemberReplaced(replaced, hotkey, uid));
        }
        ctx.emit(new Event.RootRegistered(hotkey, uid));
    }

    /**
     * The uid to replace when root is full: the lowest total stake, then the latest
     * {@code registered_at}, then the highest uid; -1 with no members.
     */
    static int leastStakedMember(ChainState s, List<NeuronInfo> members) {
        int worst = -1;
        long worstStake = 0;
        long worstReg = 0;
        for (int uid = 0; uid < members.size(); uid++) {
            NeuronInfo m = members.get(uid);
            long st = s.totalHotkeyStake(m.hotkey());
            boolean pick;
            if (worst < 0) {
                pick = true;
            } else {
                int cmp = Long.compareUnsigned(st, worstStake);
                // uids rise through the loop, so ">=" on registered_at also prefers the higher uid
                pick = cmp < 0 || (cmp == 0 && m.registeredAt() >= worstReg);
            }
            if (pick) {
                worst = uid;
                worstStake = st;
                worstReg = m.registeredAt();
            }
        }
        return worst;
    }

    // ---------------------------------------------------------------- set_root_weights

    /**
     * docs/spec/chain.md §6 "Root weights": signed by a root member's hotkey. The netuids must be unique
     * existing subnets (netuid 0 included: that share is withheld), at most one per subnet, and the
     * member may set root weights once per {@code network_rate_limit} blocks (a member that never
     * set any may do so at once). The values are max-upscaled and stored in netuid order;
     * {@code last_update} of the member becomes this block.
     */
    public static void setRootWeights(DispatchContext ctx, Call.SetRootWeights c) {
        ChainState s = ctx.state();
        AccountId hotkey = ctx.signer();
        int uid = s.uid(ROOT, hotkey);
        DispatchFailure.ensure(
                uid >= 0,
                DispatchError.NotRootMember,
                "hotkey " + hotkey.toSs58() + " has no root uid; join with root_register first");
        int[] netuids = c.netuids();
        int[] values = c.values();
        DispatchFailure.ensure(
                netuids.length == values.length,
                DispatchError.WeightVectorLengthMismatch,
                netuids.length + " netuids, " + values.length + " values");
        DispatchFailure.ensure(
                netuids.length > 0, DispatchError.TooFewWeights, "give a weight for at least one subnet");
        int subnetCount = s.subnets().size();
        DispatchFailure.ensure(
                netuids.length <= subnetCount,
                DispatchError.TooManyWeights,
                netuids.length + " weights for " + subnetCount + " subnets");

        int[] up = MaxUpscale.toU16(values);
        long[] pairs = new long[netuids.length]; // netuid << 16 | value, sorted by netuid
        for (int k = 0; k < netuids.length; k++) {
            pairs[k] = ((long) netuids[k] << 16) | up[k];
        }
        Arrays.sort(pairs);
        int[] dests = new int[pairs.length];
        int[] vals = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            dests[k] = (int) (pairs[k] >>> 16);
            vals[k] = (int) (pairs[k] & 0xFFFF);
            DispatchFailure.ensure(
                    k == 0 || dests[k] != dests[k - 1],
                    DispatchError.DuplicateUids,
                    "netuid " + dests[k] + " appears more than once");
            DispatchFailure.ensure(
                    s.subnetExists(dests[k]), DispatchError.SubnetNotFound, "netuid " + dests[k] + " is not a subnet");
        }

        NeuronInfo me = s.neuron(ROOT, uid);
        long limit = ctx.params().networkRateLimit();
        long block = ctx.block();
        if (!s.weights(ROOT, uid).isEmpty()) {
            long since = block - me.lastUpdate();
            DispatchFailure.ensure(
                    since >= limit,
                    DispatchError.RootWeightsRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + " blocks, last set at block "
                            + me.lastUpdate() + ")");
        }
        s.setWeights(ROOT, uid, SparseRow.of(dests, vals));
        s.setNeuron(ROOT, uid, me.withLastUpdate(block));
        ctx.emit(new Event.RootWeightsSet(hotkey));
    }

    /**
     * Drops every root member's weight on {@code netuid} (docs/spec/chain.md §3: when a subnet is dissolved
     * "root weights on it become 0"), so that a later subnet reusing the netuid starts without them.
     */
    public static void clearWeightsOn(ChainState s, int netuid) {
        int n = s.neurons(ROOT).size();
        for (int uid = 0; uid < n; uid++) {
            SparseRow row = s.weights(ROOT, uid);
            if (!containsDest(row, netuid)) {
                continue;
            }
            int[] d = new int[row.size() - 1];
            int[] v = new int[row.size() - 1];
            int j = 0;
            for (int k = 0; k < row.size(); k++) {
                if (row.dest(k) != netuid) {
                    d[j] = row.dest(k);
                    v[j] = row.value(k);
                    j++;
                }
            }
            s.setWeights(ROOT, uid, SparseRow.of(d, v));
        }
    }

    private static boolean containsDest(SparseRow row, int dest) {
        for (int k = 0; k < row.size(); k++) {
            if (row.dest(k) == dest) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- root epoch

    /**
     * docs/spec/chain.md §6 "Root epoch": writes every subnet's {@link SubnetInfo#emissionShare()} (netuid 0
     * included; Coinbase withholds that one) from the members' stake and root weights. While the
     * weighted shares are all zero (no member has weights on an existing subnet yet, or no stake is
     * behind them) the emission is split equally among the subnets that allow registration.
     */
    public static void rootEpoch(ChainState s, long block, List<Event> events) {
        List<SubnetInfo> subnets = s.subnets();
        int k = subnets.size();
        int[] netuids = new int[k];
        for (int j = 0; j < k; j++) {
            netuids[j] = subnets.get(j).netuid();
        }
        List<NeuronInfo> members = s.neurons(ROOT);
        long[] stake = new long[members.size()];
        SparseRow[] rows = new SparseRow[members.size()];
        for (int uid = 0; uid < members.size(); uid++) {
            stake[uid] = s.totalHotkeyStake(members.get(uid).hotkey());
            rows[uid] = s.weights(ROOT, uid);
        }
        long[] shares = weightedShares(stake, rows, netuids);
        if (shares == null) {
            boolean[] open = new boolean[k];
            for (int j = 0; j < k; j++) {
                Hyperparams h = s.hyperparams(netuids[j]);
                open[j] = netuids[j] != ROOT && h != null && h.registrationAllowed();
            }
            shares = equalShares(open);
        }
        for (int j = 0; j < k; j++) {
            SubnetInfo sn = subnets.get(j).withEmissionShare(shares[j]);
            if (sn.netuid() == ROOT) {
                sn = sn.withEpochDone(block);
            }
            s.setSubnet(sn);
        }
        events.add(new Event.RootEpochRun(EmissionSchedule.blockEmission(s.totalIssuance())));
    }

    /**
     * The root epoch's maths in I32F32 bits, in the order of docs/spec/chain.md §6:
     * S = normalised stake; W = row-normalised weights restricted to {@code netuids} (dests that are
     * not subnets are ignored); rank = Wᵀ·S; trust_k = Σ S_i over W_ik &gt; 0;
     * consensus = sigmoid(trust); share = normalise(consensus · rank). Work is proportional to the
     * number of members plus the number of weight entries (each looked up among the k netuids).
     *
     * @param stake   each member's total stake in rao, by uid
     * @param rows    each member's root weights (dest = netuid), by uid
     * @param netuids the subnets, ascending
     * @return the share of each subnet (index as {@code netuids}), or null when they are all zero
     */
    static long[] weightedShares(long[] stake, SparseRow[] rows, int[] netuids) {
        int k = netuids.length;
        long[] s = normalizedStake(stake);
        long[] rank = new long[k];
        long[] trust = new long[k];
        for (int i = 0; i < rows.length; i++) {
            SparseRow row = rows[i];
            int[] idx = new int[row.size()];
            long sum = 0;
            for (int e = 0; e < row.size(); e++) {
                idx[e] = Arrays.binarySearch(netuids, row.dest(e));
                if (idx[e] >= 0) {
                    sum = addBits(sum, fromIntBits(row.value(e)));
                }
            }
            if (sum == 0) {
                continue;
            }
            for (int e = 0; e < row.size(); e++) {
                if (idx[e] < 0) {
                    continue;
                }
                long w = safeDivBits(fromIntBits(row.value(e)), sum);
                if (w > 0) {
                    rank[idx[e]] = addBits(rank[idx[e]], mulBits(w, s[i]));
                    trust[idx[e]] = addBits(trust[idx[e]], s[i]);
                }
            }
        }
        long[] share = new long[k];
        long total = 0;
        for (int j = 0; j < k; j++) {
            share[j] = mulBits(sigmoidSafe(trust[j], RHO_BITS, KAPPA_BITS), rank[j]);
            total = addBits(total, share[j]);
        }
        if (total == 0) {
            return null;
        }
        for (int j = 0; j < k; j++) {
            share[j] = safeDivBits(share[j], total);
        }
        return share;
    }

    /** docs/spec/yuma.md §3 step 2 without a threshold: normalised in I64F64, floored to I32F32. */
    static long[] normalizedStake(long[] stake) {
        BigInteger total = BigInteger.ZERO;
        for (long st : stake) {
            total = total.add(new BigInteger(Long.toUnsignedString(st)));
        }
        long[] out = new long[stake.length];
        if (total.signum() == 0) {
            return out;
        }
        I64F64 sum = new I64F64(total.shiftLeft(I64F64.FRAC_BITS));
        for (int i = 0; i < stake.length; i++) {
            if (stake[i] != 0) {
                out[i] = I64F64.fromU64(stake[i]).safeDiv(sum).toI32F32().bits();
            }
        }
        return out;
    }

    /**
     * A port of the reference's {@code sigmoid_safe}: {@code 1 / (1 + exp_safe(-ρ·(x - κ)))} with
     * saturating operations and the safe division.
     */
    static long sigmoidSafe(long x, long rho, long kappa) {
        long offset = subBits(x, kappa);
        long negRho = mulBits(rho, subBits(0, ONE_BITS));
        long expInput = mulBits(negRho, offset);
        long expOutput = Transcendental.expSafeBits(expInput);
        long denominator = addBits(expOutput, ONE_BITS);
        return safeDivBits(ONE_BITS, denominator);
    }

    /** 1/m for each of the m open entries (I32F32 bits), 0 for the others. */
    static long[] equalShares(boolean[] open) {
        int m = 0;
        for (boolean o : open) {
            if (o) {
                m++;
            }
        }
        long[] out = new long[open.length];
        if (m == 0) {
            return out;
        }
        long each = safeDivBits(ONE_BITS, fromIntBits(m));
        for (int j = 0; j < open.length; j++) {
            out[j] = open[j] ? each : 0;
        }
        return out;
    }

    // ---------------------------------------------------------------- queries

    /** The root members' hotkeys by uid. */
    public static List<AccountId> members(ChainState s) {
        List<AccountId> out = new ArrayList<>();
        for (NeuronInfo n : s.neurons(ROOT)) {
            out.add(n.hotkey());
        }
        return out;
    }

    private static SubnetInfo rootSubnet(ChainState s) {
        SubnetInfo root = s.subnet(ROOT);
        if (root == null) {
            throw new IllegalStateException("the root network (netuid 0) is missing: state not built from a genesis");
        }
        return root;
    }
}
