package org.tao4j.runtime.coinbase;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.EpochParams;
import org.tao4j.consensus.EpochResult;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.NeuronSnapshot;
import org.tao4j.consensus.SubnetSnapshot;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.schema.WeightCommit;
import org.tao4j.runtime.staking.Childkeys;
import org.tao4j.runtime.staking.Staking;

/**
 * A subnet's epoch in the chain (docs/spec/chain.md §5 "Subnet payout at its epoch"): builds the Yuma
 * snapshot from state (docs/spec/yuma.md §2), runs {@link Epoch}, writes the scores, bonds and permits back
 * (docs/spec/yuma.md §3 step 14), and pays the pending emission out as stake.
 *
 * <p>Consensus code. The work is proportional to the subnet's uids, weight and bond entries, pending
 * commits, the stakers of the validators that earn dividends and the period floors recorded by the
 * staking calls since the last epoch; nothing is n².
 */
public final class SubnetEpoch {

    private static final BigInteger PPM = BigInteger.valueOf(ChainParams.PPM);

    private SubnetEpoch() {}

    public static void run(ChainState s, int netuid, long block, List<Event> events) {
        SubnetInfo sn = s.subnet(netuid);
        Hyperparams h = s.hyperparams(netuid);
        List<NeuronInfo> neurons = s.neurons(netuid);
        int n = neurons.size();

        EpochResult result = Epoch.run(snapshot(s, sn, h, neurons, block));

        // docs/spec/yuma.md §3 step 14: scores, permits, bonds
        for (int uid = 0; uid < n; uid++) {
            NeuronResult r = result.neuron(uid);
            NeuronInfo before = neurons.get(uid);
            s.setNeuron(
                    netuid,
                    uid,
                    before.withEpoch(
                            r.validatorPermit(),
                            r.active(),
                            r.consensus(),
                            r.incentive(),
                            r.dividends(),
                            r.validatorTrust(),
                            r.emission()));
            if (r.bonds() != null) {
                s.setBonds(netuid, uid, r.bonds());
            }
        }

        // docs/spec/chain.md §5: payouts, all as stake, split by the stake held through the whole period;
        // this epoch ends every period on the subnet, so its floors are read once and cleared
        Map<AccountId, Map<AccountId, Long>> floors = new TreeMap<>();
        for (ChainState.PeriodFloor f : s.takePeriodFloors(netuid)) {
            floors.computeIfAbsent(f.hotkey(), k -> new TreeMap<>()).put(f.coldkey(), f.floor());
        }
        int defaultTake = s.params().maxTakePpm();
        // docs/spec/chain.md §5 "Childkeys": each child's validator amount is split with its registered
        // parents by what they lend, from the stakes as they were before any credit of this epoch;
        // the amounts to pay through each hotkey are computed first, then paid in uid order
        long[] throughSelf = new long[n];
        Map<AccountId, Long> throughParent = new TreeMap<>();
        for (int uid = 0; uid < n; uid++) {
            long v = result.neuron(uid).validatorEmission();
            throughSelf[uid] = v;
            if (v == 0) {
                continue;
            }
            AccountId child = neurons.get(uid).hotkey();
            List<Pair<AccountId, Long>> parents = Childkeys.lentByParents(s, netuid, child);
            if (parents.isEmpty()) {
                continue;
            }
            long subnetStake = Childkeys.subnetStake(s, netuid, child);
            int childTake = s.childkeyTake(netuid, child);
            BigInteger bv = BigInteger.valueOf(v);
            for (Pair<AccountId, Long> p : parents) {
                long part = bv.multiply(BigInteger.valueOf(p.second()))
                        .divide(BigInteger.valueOf(subnetStake))
                        .longValue();
                long kept = BigInteger.valueOf(part)
                        .multiply(BigInteger.valueOf(childTake))
                        .divide(PPM)
                        .longValue();
                throughSelf[uid] -= part - kept;
                throughParent.merge(p.first(), part - kept, Long::sum);
            }
        }
        long distributed = 0;
        for (int uid = 0; uid < n; uid++) {
            NeuronResult r = result.neuron(uid);
            AccountId hotkey = neurons.get(uid).hotkey();
            AccountId owner = s.owner(hotkey);
            if (owner == null) {
                continue; // cannot happen for a registered hotkey; its amounts would stay pending
            }
            // validator amount first, while the stakes are those the amount was earned with; then
            // the server amount (the reference's emit_inflation_through_hotkey_account order)
            long validator = throughSelf[uid] + throughParent.getOrDefault(hotkey, 0L);
            distributed +=
                    payValidator(s, hotkey, owner, validator, defaultTake, floors.getOrDefault(hotkey, Map.of()));
            Staking.creditStake(s, hotkey, owner, r.serverEmission());
            distributed += r.serverEmission();
        }

        // what the epoch's flooring did not hand out stays pending for the next epoch
        long pending = sn.pendingEmission() - distributed;
        if (pending < 0) {
            throw new IllegalStateException("epoch of subnet " + netuid + " paid " + distributed + " rao out of "
                    + sn.pendingEmission() + " pending");
        }
        s.setSubnet(sn.withEpochDone(block).withPendingEmission(pending));
        events.add(new Event.EpochRun(netuid, distributed, n));
    }

    /** docs/spec/yuma.md §2: the epoch's inputs, read from state in uid order. */
    static SubnetSnapshot snapshot(ChainState s, SubnetInfo sn, Hyperparams h, List<NeuronInfo> neurons, long block) {
        int netuid = sn.netuid();
        int n = neurons.size();
        int ownerUid = s.uid(netuid, sn.ownerHotkey());
        EpochParams params = new EpochParams(
                h.tempo(),
                h.activityCutoff(),
                h.kappa(),
                h.bondsPenalty(),
                h.bondsMovingAverage(),
                h.maxAllowedValidators(),
                h.yuma3(),
                h.liquidAlpha(),
                h.alphaLow(),
                h.alphaHigh(),
                h.alphaSigmoidSteepness(),
                0,
                ownerUid,
                h.commitRevealEnabled());

        long[] commitBlock = new long[n];
        Arrays.fill(commitBlock, NeuronSnapshot.NO_COMMIT);
        if (h.commitRevealEnabled()) {
            for (Pair<AccountId, List<WeightCommit>> c : s.allCommits(netuid)) {
                int uid = s.uid(netuid, c.first());
                if (uid >= 0 && uid < n) {
                    commitBlock[uid] = WeightSetting.earliestActiveCommitBlock(c.second(), block, netuid, h);
                }
            }
        }

        List<NeuronSnapshot> snaps = new ArrayList<>(n);
        for (int uid = 0; uid < n; uid++) {
            NeuronInfo nu = neurons.get(uid);
            // a hotkey's total stake, less what it lends its children and plus what its parents lend it
            // on this subnet, is its weight there (docs/spec/chain.md §5)
            snaps.add(new NeuronSnapshot(
                    Childkeys.subnetStake(s, netuid, nu.hotkey()),
                    nu.lastUpdate(),
                    nu.registeredAt(),
                    nu.validatorPermit(),
                    s.weights(netuid, uid),
                    s.bonds(netuid, uid),
                    commitBlock[uid]));
        }
        return new SubnetSnapshot(params, snaps, block, sn.lastMechanismStepBlock(), sn.pendingEmission());
    }

    /**
     * docs/spec/chain.md §5: the hotkey keeps {@code floor(amount · take / 10^6)}; the rest is split among all
     * of the hotkey's stakers (the owner's own stake included) in proportion to their eligible stake
     * (held through the whole period: {@link Staking#eligible}, from {@code floors}, the hotkey's
     * period floors by coldkey), each share floored; the take and the flooring remainder go to the
     * owner, and everything when no stake is eligible. Everything is credited as stake, so the whole
     * amount is paid. Returns {@code amount}. {@code defaultTake} is the take of a hotkey that never
     * set one ({@link Staking#takeOf}).
     */
    static long payValidator(
            ChainState s,
            AccountId hotkey,
            AccountId owner,
            long amount,
            int defaultTake,
            Map<AccountId, Long> floors) {
        if (amount == 0) {
            return 0;
        }
        BigInteger a = BigInteger.valueOf(amount);
        long take = a.multiply(BigInteger.valueOf(s.take(hotkey, defaultTake)))
                .divide(PPM)
                .longValue();
        long rest = amount - take;
        List<Pair<AccountId, Long>> stakers = s.stakers(hotkey);
        long[] eligible = new long[stakers.size()];
        long total = 0;
        for (int k = 0; k < eligible.length; k++) {
            eligible[k] =
                    Staking.eligible(stakers.get(k).second(), stakers.get(k).first(), floors);
            total += eligible[k]; // at most the hotkey's total stake: no overflow
        }
        long[] shares = new long[stakers.size()];
        if (total > 0 && rest > 0) {
            BigInteger r = BigInteger.valueOf(rest);
            BigInteger t = BigInteger.valueOf(total);
            for (int k = 0; k < shares.length; k++) {
                shares[k] =
                        r.multiply(BigInteger.valueOf(eligible[k])).divide(t).longValue();
            }
        }
        // credit only after every share is computed from the stakes as they were
        long toNominators = 0;
        for (int k = 0; k < shares.length; k++) {
            AccountId coldkey = stakers.get(k).first();
            if (!coldkey.equals(owner)) {
                Staking.creditStake(s, hotkey, coldkey, shares[k]);
                toNominators += shares[k];
            }
        }
        // the owner: the take, its own pro-rata share and the flooring remainder
        Staking.creditStake(s, hotkey, owner, amount - toNominators);
        return amount;
    }
}
