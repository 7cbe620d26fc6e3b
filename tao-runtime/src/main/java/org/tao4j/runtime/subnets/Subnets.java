package org.tao4j.runtime.subnets;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.Registration;
import org.tao4j.runtime.root.Root;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/** Subnet registration, pruning and hyperparameters (docs/spec/chain.md §3). */
public final class Subnets {

    /** The largest {@code max_allowed_uids} a subnet may have. */
    public static final int MAX_UIDS = 4096;
    /** The largest tempo (the reference chain's tempo is a u16). */
    public static final int MAX_TEMPO = 65535;
    /** The largest {@code reveal_period_epochs} (our choice: a u16 of epochs is years at any sane tempo). */
    public static final int MAX_REVEAL_PERIOD_EPOCHS = 65535;

    /** immunity_period and activity_cutoff are subtensor's u16s: at most 65,535 blocks (about 9 days). */
    public static final long MAX_U16_BLOCKS = 65_535;

    /** weights_set_rate_limit and serving_rate_limit: at most 216,000 blocks (30 days of 12-second blocks). */
    public static final long MAX_RATE_LIMIT_BLOCKS = 216_000;

    /** max_burn: at most the supply cap, 21,000,000 TAO (a higher burn could never be paid). */
    public static final long MAX_BURN_RAO = 21_000_000L * ChainParams.RAO_PER_TAO;

    private Subnets() {}

    // ---------------------------------------------------------------- register_network

    /**
     * docs/spec/chain.md §3 {@code register_network(hotkey)}, signed by the coldkey that locks the cost and
     * becomes the owner; its hotkey becomes the subnet's uid 0.
     */
    public static void registerNetwork(DispatchContext ctx, Call.RegisterNetwork c) {
        ChainState s = ctx.state();
        ChainParams p = ctx.params();
        AccountId coldkey = ctx.signer();
        AccountId hotkey = c.hotkey();
        long block = ctx.block();

        // one registration per network_rate_limit blocks
        long last = s.networkLastRegistered();
        if (last >= 0) {
            long since = block - last;
            ensure(
                    since >= p.networkRateLimit(),
                    DispatchError.NetworkRateLimited,
                    (p.networkRateLimit() - since) + " blocks left (rate limit " + p.networkRateLimit() + ")");
        }
        Registration.claimHotkey(s, coldkey, hotkey);

        // at the subnet limit, the weakest non-immune subnet makes room (chosen before paying, so that
        // the error a user sees when nothing can be pruned is the limit, not a balance)
        SubnetInfo victim = null;
        int count = subnetCount(s);
        if (count >= p.subnetLimit()) {
            victim = pruneCandidate(s, block);
            ensure(
                    victim != null,
                    DispatchError.SubnetLimitReached,
                    count + " subnets (limit " + p.subnetLimit() + ") and all are immune for "
                            + p.networkImmunityPeriod() + " blocks after registration");
        }

        // the lock stays in SubnetInfo.lock: counted in the issuance, not recycled
        long lock = lockCost(s, block);
        Balances.withdraw(ctx, coldkey, lock, false);

        if (victim != null) {
            dissolve(ctx, victim.netuid());
        }

        int netuid = lowestFreeNetuid(s);
        ensure(netuid > 0, DispatchError.SubnetLimitReached, "every netuid up to 65535 is in use");
        s.setSubnet(new SubnetInfo(netuid, coldkey, hotkey, block, lock, p.newSubnetBurn(), -1, 0, 0, 0, 0, -1, 0));
        s.setHyperparams(netuid, Hyperparams.defaults(p));
        s.setNetworkLastLock(lock);
        s.setNetworkLastLockBlock(block);
        s.setNetworkLastRegistered(block);
        ctx.emit(new Event.NetworkRegistered(netuid, coldkey, hotkey, lock));

        // the owner's hotkey is uid 0: same uid assignment as burned_register, without a burn (and it
        // does not use up the subnet's one registration per block)
        int uid = Registration.assignUid(ctx, netuid, hotkey);
        ctx.emit(new Event.NeuronRegistered(netuid, uid, hotkey, 0));
    }

    /**
     * docs/spec/chain.md §3: the lock a {@code register_network} in block {@code block} costs:
     * {@code max(min_lock, 2·last_lock − (last_lock / lock_reduction_interval)·(block − last_lock_block))},
     * the subtraction saturating at 0. Before any registration last_lock is 0, so the cost is min_lock.
     * (For RPC and the CLI: pass the number of the next block.)
     */
    public static long lockCost(ChainState s, long block) {
        ChainParams p = s.params();
        long lastLock = s.networkLastLock();
        long interval = Math.max(1, p.lockReductionInterval());
        long elapsed = Math.max(0, block - s.networkLastLockBlock());
        long doubled = saturatingMul(lastLock, 2);
        long reduction = saturatingMul(lastLock / interval, elapsed);
        long cost = doubled > reduction ? doubled - reduction : 0;
        return Math.max(p.minLock(), cost);
    }

    private static long saturatingMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    /** The number of subnets other than root. */
    public static int subnetCount(ChainState s) {
        int n = 0;
        for (SubnetInfo sn : s.subnets()) {
            if (sn.netuid() != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * docs/spec/chain.md §3: the subnet to dissolve at the limit: among the non-immune ones
     * ({@code block − registered_at ≥ network_immunity_period}) the lowest {@code emission_value}, then
     * the oldest, then the highest netuid (subtensor's {@code get_subnet_to_prune}: its stable sort
     * keeps netuid order among complete ties and takes the last). A subnet with registration closed
     * has {@code emission_value} 0 (docs/spec/chain.md §6). Null when every subnet is immune.
     */
    public static SubnetInfo pruneCandidate(ChainState s, long block) {
        long immunity = s.params().networkImmunityPeriod();
        SubnetInfo best = null;
        for (SubnetInfo sn :
                s.subnets()) { // netuid order: "<=" on registered_at lets a later netuid win a complete tie
            if (sn.netuid() == 0 || block - sn.registeredAt() < immunity) {
                continue;
            }
            if (best == null
                    || sn.emissionValue() < best.emissionValue()
                    || (sn.emissionValue() == best.emissionValue() && sn.registeredAt() <= best.registeredAt())) {
                best = sn;
            }
        }
        return best;
    }

    /**
     * Dissolves a subnet (docs/spec/chain.md §3): its lock is refunded to its owner's free balance, its pending
     * emission (minted but not yet paid out) is recycled so that the issuance stays equal to what is
     * held, its neurons, hyperparameters and info are wiped, and every root weight on it becomes 0:
     * the root module drops those entries, so that a subnet that later reuses the netuid starts with
     * no root weight.
     */
    public static void dissolve(DispatchContext ctx, int netuid) {
        ChainState s = ctx.state();
        SubnetInfo sn = s.subnet(netuid);
        Balances.deposit(s, sn.owner(), sn.lock());
        if (sn.pendingEmission() > 0) {
            Balances.recycle(s, sn.pendingEmission());
            ctx.emit(new Event.Recycled("pending emission of dissolved subnet " + netuid, sn.pendingEmission()));
        }
        s.clearSubnetNeurons(netuid);
        s.removeSubnet(netuid);
        Root.clearWeightsOn(s, netuid);
        ctx.emit(new Event.NetworkDissolved(netuid, sn.owner(), sn.lock()));
    }

    /** The lowest netuid ≥ 1 with no subnet, or -1 if all 65535 are taken. */
    static int lowestFreeNetuid(ChainState s) {
        int next = 1;
        for (SubnetInfo sn : s.subnets()) { // netuid order
            if (sn.netuid() == next) {
                next++;
            } else if (sn.netuid() > next) {
                break;
            }
        }
        return next <= 0xFFFF ? next : -1;
    }

    // ---------------------------------------------------------------- hyperparameters

    /**
     * docs/spec/chain.md §3 owner rights: the owner coldkey sets one of the owner-settable hyperparameters, at
     * most once per 2 tempos of the subnet.
     */
    public static void setHyperparameter(DispatchContext ctx, Call.SetHyperparameter c) {
        ChainState s = ctx.state();
        AccountId signer = ctx.signer();
        int netuid = c.netuid();
        Hyperparameter param = c.param();
        ensure(
                netuid != 0,
                DispatchError.CannotChangeRoot,
                "the root network's parameters change only through governance");
        SubnetInfo sn = s.subnet(netuid);
        ensure(sn != null, DispatchError.SubnetNotFound, "netuid " + netuid);
        ensure(
                sn.owner().equals(signer),
                DispatchError.NotSubnetOwner,
                "subnet " + netuid + " is owned by coldkey " + sn.owner());
        ensure(
                param.ownerSettable(),
                DispatchError.NotAllowedToChange,
                param.wireName() + " changes only through governance or sudo");
        Hyperparams h = s.hyperparams(netuid);
        long limit = 2L * h.tempo();
        if (sn.lastHyperparamBlock() >= 0) {
            long since = ctx.block() - sn.lastHyperparamBlock();
            ensure(
                    since >= limit,
                    DispatchError.HyperparameterRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + " = 2 tempos)");
        }
        validate(param, c.value(), h, sn, true);
        apply(ctx, sn.withLastHyperparamBlock(ctx.block()), h, param, c.value());
    }

    /**
     * Any hyperparameter of a subnet, {@code tempo} and {@code max_allowed_validators} included, set by
     * root (governance or the dev chain's sudo key): the same ranges, no rate limit, and
     * {@code max_allowed_uids} may also go down (not below the neurons registered).
     */
    public static void setSubnetParameter(DispatchContext ctx, Call.SetSubnetParameter c) {
        Runtime.ensureRoot(ctx);
        ChainState s = ctx.state();
        int netuid = c.netuid();
        ensure(
                netuid != 0,
                DispatchError.CannotChangeRoot,
                "the root network's tempo and size are global parameters (root_tempo, root_slots)");
        SubnetInfo sn = s.subnet(netuid);
        ensure(sn != null, DispatchError.SubnetNotFound, "netuid " + netuid);
        Hyperparams h = s.hyperparams(netuid);
        validate(c.param(), c.value(), h, sn, false);
        apply(ctx, sn, h, c.param(), c.value());
    }

    private static void apply(DispatchContext ctx, SubnetInfo sn, Hyperparams h, Hyperparameter param, long value) {
        ChainState s = ctx.state();
        Hyperparams next = h.with(param, value);
        s.setHyperparams(sn.netuid(), next);
        // docs/spec/chain.md §4: the burn is always within [min_burn, max_burn], from this block on
        s.setSubnet(sn.withBurn(Registration.clamp(sn.burn(), next)));
        ctx.emit(new Event.HyperparameterSet(sn.netuid(), param.wireName(), value));
    }

    /** The allowed values of each hyperparameter; fails with {@code InvalidHyperparameter}. */
    static void validate(Hyperparameter param, long v, Hyperparams h, SubnetInfo sn, boolean byOwner) {
        String name = param.wireName();
        ensure(
                v >= 0,
                DispatchError.InvalidHyperparameter,
                name + " = " + Long.toUnsignedString(v) + " is above the largest allowed value 2^63 - 1");
        switch (param) {
            case KAPPA, BONDS_PENALTY, MAX_WEIGHTS_LIMIT -> range(name, v, 0, 0xFFFF);
            case ALPHA_LOW -> {
                range(name, v, 0, 0xFFFF);
                ensure(
                        v <= h.alphaHigh(),
                        DispatchError.InvalidHyperparameter,
                        "alpha_low " + v + " is above alpha_high " + h.alphaHigh());
            }
            case ALPHA_HIGH -> {
                range(name, v, 0, 0xFFFF);
                ensure(
                        v >= h.alphaLow(),
                        DispatchError.InvalidHyperparameter,
                        "alpha_high " + v + " is below alpha_low " + h.alphaLow());
            }
            // the reference's steepness is an i16; we accept its non-negative half only
            case ALPHA_SIGMOID_STEEPNESS -> range(name, v, 0, Short.MAX_VALUE);
            case REGISTRATION_ALLOWED, COMMIT_REVEAL_ENABLED, YUMA3, LIQUID_ALPHA ->
                ensure(v == 0 || v == 1, DispatchError.InvalidHyperparameter, name + " is a boolean: 0 or 1, got " + v);
            case MAX_ALLOWED_UIDS -> {
                if (byOwner) {
                    ensure(
                            v >= h.maxAllowedUids(),
                            DispatchError.InvalidHyperparameter,
                            "max_allowed_uids may only go up: " + v + " < current " + h.maxAllowedUids());
                } else {
                    long floor = Math.max(1, Math.max(sn.n(), h.minAllowedWeights()));
                    ensure(
                            v >= floor,
                            DispatchError.InvalidHyperparameter,
                            "max_allowed_uids " + v + " is below " + floor
                                    + " (the registered neurons, min_allowed_weights, and 1)");
                }
                ensure(
                        v <= MAX_UIDS,
                        DispatchError.InvalidHyperparameter,
                        "max_allowed_uids " + v + " is above " + MAX_UIDS);
            }
            case MIN_BURN ->
                ensure(
                        v <= h.maxBurn(),
                        DispatchError.InvalidHyperparameter,
                        "min_burn " + v + " rao is above max_burn " + h.maxBurn() + " rao");
            case MAX_BURN -> {
                ensure(
                        v >= h.minBurn(),
                        DispatchError.InvalidHyperparameter,
                        "max_burn " + v + " rao is below min_burn " + h.minBurn() + " rao");
                ensure(
                        v <= MAX_BURN_RAO,
                        DispatchError.InvalidHyperparameter,
                        "max_burn " + v + " rao is above the supply cap " + MAX_BURN_RAO + " rao (21,000,000 TAO)");
            }
            case BONDS_MOVING_AVERAGE -> range(name, v, 0, ChainParams.PPM);
            case ACTIVITY_CUTOFF -> {
                ensure(v > 0, DispatchError.InvalidHyperparameter, "activity_cutoff must be at least 1 block");
                range(name, v, 1, MAX_U16_BLOCKS);
            }
            case IMMUNITY_PERIOD -> range(name, v, 0, MAX_U16_BLOCKS);
            case WEIGHTS_SET_RATE_LIMIT, SERVING_RATE_LIMIT -> range(name, v, 0, MAX_RATE_LIMIT_BLOCKS);
            case REVEAL_PERIOD_EPOCHS -> range(name, v, 1, MAX_REVEAL_PERIOD_EPOCHS);
            case MIN_ALLOWED_WEIGHTS ->
                ensure(
                        v <= h.maxAllowedUids(),
                        DispatchError.InvalidHyperparameter,
                        "min_allowed_weights " + v + " is above max_allowed_uids " + h.maxAllowedUids());
            case TEMPO -> range(name, v, 1, MAX_TEMPO);
            case MAX_ALLOWED_VALIDATORS -> range(name, v, 1, h.maxAllowedUids());
            case WEIGHTS_VERSION_KEY -> {
                // an opaque version number chosen by the owner: any u64 below 2^63 (checked above)
            }
        }
    }

    private static void range(String name, long v, long min, long max) {
        ensure(
                v >= min && v <= max,
                DispatchError.InvalidHyperparameter,
                name + " must be in " + min + ".." + max + ", got " + v);
    }
}
