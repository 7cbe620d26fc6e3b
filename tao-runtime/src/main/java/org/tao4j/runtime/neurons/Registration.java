package org.tao4j.runtime.neurons;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.math.BigInteger;
import java.util.List;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.AxonInfo;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;

/** Neuron registration by burn, uid assignment and pruning, and axon serving (docs/spec/chain.md §4). */
public final class Registration {

    /** docs/spec/chain.md §4: immune neurons are chosen only if fewer than this many non-immune neurons exist. */
    public static final int MIN_NON_IMMUNE_FOR_PRUNING = 10;

    private Registration() {}

    // ---------------------------------------------------------------- burned_register

    /**
     * docs/spec/chain.md §4 {@code burned_register(netuid, hotkey)}: signed by the coldkey that pays the burn
     * and owns (or comes to own) the hotkey.
     */
    public static void burnedRegister(DispatchContext ctx, Call.BurnedRegister c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        AccountId hotkey = c.hotkey();
        int netuid = c.netuid();
        long block = ctx.block();
        ensure(
                netuid != 0,
                DispatchError.RegistrationDisabled,
                "netuid 0 is the root network: join it with root_register");
        SubnetInfo sn = s.subnet(netuid);
        ensure(sn != null, DispatchError.SubnetNotFound, "netuid " + netuid);
        Hyperparams h = s.hyperparams(netuid);
        ensure(
                h.registrationAllowed(),
                DispatchError.RegistrationDisabled,
                "the owner of subnet " + netuid + " has set registration_allowed to false");
        ensure(
                sn.lastRegistrationBlock() != block,
                DispatchError.TooManyRegistrationsThisBlock,
                "subnet " + netuid + " already registered a neuron in block " + block + ": try the next block");
        int existing = s.uid(netuid, hotkey);
        ensure(
                existing < 0,
                DispatchError.AlreadyRegistered,
                "hotkey " + hotkey + " holds uid " + existing + " on subnet " + netuid);
        claimHotkey(s, coldkey, hotkey);

        // docs/spec/chain.md §4: the current burn is paid and recycled
        long burn = sn.burn();
        Balances.withdraw(ctx, coldkey, burn, false);
        if (burn > 0) {
            Balances.recycle(s, burn);
            ctx.emit(new Event.Recycled("registration burn on subnet " + netuid, burn));
        }

        int uid = assignUid(ctx, netuid, hotkey);

        // docs/spec/chain.md §4: after each registration burn ← floor(burn · 1.26), clamped to [min_burn, max_burn]
        sn = s.subnet(netuid);
        long raised = BigInteger.valueOf(burn)
                .multiply(BigInteger.valueOf(126))
                .divide(BigInteger.valueOf(100))
                .min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
        s.setSubnet(sn.withRegistration(block, sn.n(), clamp(raised, h)));
        ctx.emit(new Event.NeuronRegistered(netuid, uid, hotkey, burn));
    }

    /**
     * docs/spec/chain.md §2: a hotkey is owned by the first coldkey that registers it anywhere. Fails with
     * {@code HotkeyOwnedByOther} when another coldkey owns it; records the ownership otherwise.
     */
    public static void claimHotkey(ChainState s, AccountId coldkey, AccountId hotkey) {
        AccountId owner = s.owner(hotkey);
        ensure(
                owner == null || owner.equals(coldkey),
                DispatchError.HotkeyOwnedByOther,
                "hotkey " + hotkey + " is owned by coldkey " + owner);
        if (owner == null) {
            s.setOwner(hotkey, coldkey);
        }
    }

    /**
     * docs/spec/chain.md §4 uid assignment, without any burn (also used by register_network for the owner's
     * uid 0): below {@code max_allowed_uids} the next uid, otherwise the uid chosen by pruning, which
     * is wiped first. Sets {@code registered_at = last_update = block} and the subnet's {@code n};
     * emits {@code NeuronReplaced} when a uid is taken over. Returns the uid.
     */
    public static int assignUid(DispatchContext ctx, int netuid, AccountId hotkey) {
        ChainState s = ctx.state();
        long block = ctx.block();
        SubnetInfo sn = s.subnet(netuid);
        Hyperparams h = s.hyperparams(netuid);
        int uid;
        if (sn.n() < h.maxAllowedUids()) {
            uid = sn.n();
            s.setSubnet(withN(sn, sn.n() + 1));
        } else {
            uid = pruneCandidate(s, netuid, block);
            ensure(
                    uid >= 0,
                    DispatchError.NoNeuronIdAvailable,
                    "subnet " + netuid + " is full (" + sn.n() + " of max_allowed_uids " + h.maxAllowedUids()
                            + ") and no uid other than the owner's can be pruned");
            AccountId old = s.neuron(netuid, uid).hotkey();
            wipeUid(s, netuid, uid, old);
            ctx.emit(new Event.NeuronReplaced(netuid, uid, old, hotkey));
        }
        s.setNeuron(netuid, uid, NeuronInfo.fresh(hotkey, block));
        s.setUid(netuid, hotkey, uid);
        return uid;
    }

    /**
     * docs/spec/chain.md §4 pruning: never the owner's hotkey; among the others the lowest {@code emission},
     * then the earliest {@code registered_at}, then the lowest uid. A neuron is immune while
     * {@code block − registered_at < immunity_period}; immune neurons are candidates only when fewer
     * than 10 non-immune neurons exist. Returns -1 when there is no candidate.
     */
    public static int pruneCandidate(ChainState s, int netuid, long block) {
        SubnetInfo sn = s.subnet(netuid);
        long immunity = s.hyperparams(netuid).immunityPeriod();
        List<NeuronInfo> neurons = s.neurons(netuid);
        int nonImmune = 0;
        for (NeuronInfo n : neurons) {
            if (!n.hotkey().equals(sn.ownerHotkey()) && !immune(n, block, immunity)) {
                nonImmune++;
            }
        }
        boolean onlyNonImmune = nonImmune >= MIN_NON_IMMUNE_FOR_PRUNING;
        int best = -1;
        NeuronInfo bestInfo = null;
        for (int uid = 0; uid < neurons.size(); uid++) {
            NeuronInfo n = neurons.get(uid);
            if (n.hotkey().equals(sn.ownerHotkey()) || (onlyNonImmune && immune(n, block, immunity))) {
                continue;
            }
            // uids are visited in increasing order, so a strict comparison keeps the lowest uid on a tie
            if (bestInfo == null
                    || n.emission() < bestInfo.emission()
                    || (n.emission() == bestInfo.emission() && n.registeredAt() < bestInfo.registeredAt())) {
                best = uid;
                bestInfo = n;
            }
        }
        return best;
    }

    private static boolean immune(NeuronInfo n, long block, long immunityPeriod) {
        return block - n.registeredAt() < immunityPeriod;
    }

    /**
     * docs/spec/chain.md §4 / docs/spec/yuma-scenario.md {@code replace}: the old hotkey loses the uid, its weights, bonds,
     * commits, permit and scores (the caller writes a fresh NeuronInfo); every other row's weight on
     * the uid becomes 0 and the entry stays present.
     */
    private static void wipeUid(ChainState s, int netuid, int uid, AccountId oldHotkey) {
        s.removeUid(netuid, oldHotkey);
        s.setCommits(netuid, oldHotkey, List.of());
        s.setWeights(netuid, uid, SparseRow.EMPTY);
        s.setBonds(netuid, uid, SparseRow.EMPTY);
        for (Pair<Integer, SparseRow> row : s.weightRows(netuid)) {
            if (row.first() != uid && row.second().valueFor(uid) > 0) {
                s.setWeights(netuid, row.first(), row.second().withValue(uid, 0));
            }
        }
    }

    private static SubnetInfo withN(SubnetInfo sn, int n) {
        return new SubnetInfo(
                sn.netuid(),
                sn.owner(),
                sn.ownerHotkey(),
                sn.registeredAt(),
                sn.lock(),
                sn.burn(),
                sn.lastHyperparamBlock(),
                sn.lastMechanismStepBlock(),
                sn.pendingEmission(),
                sn.emissionValue(),
                sn.emissionShare(),
                sn.lastRegistrationBlock(),
                n);
    }

    /** The subnet's current registration burn in rao (what burned_register costs now), or -1 if no such subnet. */
    public static long burn(ChainState s, int netuid) {
        SubnetInfo sn = s.subnet(netuid);
        return sn == null ? -1 : sn.burn();
    }

    /** docs/spec/chain.md §4: the burn is always within [min_burn, max_burn] (min_burn wins if they cross). */
    public static long clamp(long burn, Hyperparams h) {
        return Math.max(h.minBurn(), Math.min(h.maxBurn(), burn));
    }

    // ---------------------------------------------------------------- burn decay

    /**
     * Block step 2 (docs/spec/chain.md §7): every subnet's burn (root excepted) decays by {@code f} with
     * {@code f^burn_half_life = 1/2} (see {@link BurnDecay} for the integer arithmetic), clamped to
     * [min_burn, max_burn]. No event: this is a per-block schedule every node applies identically,
     * and the new burn is readable from state.
     */
    public static void decayBurns(ChainState s) {
        int halfLife = s.params().burnHalfLife();
        for (SubnetInfo sn : s.subnets()) {
            if (sn.netuid() == 0) {
                continue;
            }
            long next = clamp(BurnDecay.decayOnce(sn.burn(), halfLife), s.hyperparams(sn.netuid()));
            if (next != sn.burn()) {
                s.setSubnet(sn.withBurn(next));
            }
        }
    }

    // ---------------------------------------------------------------- serve_axon

    /** docs/spec/chain.md §4 {@code serve_axon}: signed by a hotkey registered on the subnet. */
    public static void serveAxon(DispatchContext ctx, Call.ServeAxon c) {
        ChainState s = ctx.state();
        AccountId hotkey = ctx.signer();
        int netuid = c.netuid();
        long block = ctx.block();
        ensure(s.subnetExists(netuid), DispatchError.SubnetNotFound, "netuid " + netuid);
        int uid = s.uid(netuid, hotkey);
        ensure(
                uid >= 0,
                DispatchError.NotRegistered,
                "hotkey " + hotkey + " has no uid on subnet " + netuid
                        + " (serve_axon is signed by the neuron's hotkey)");
        byte[] ip = c.ip();
        ensure(c.ipType() == 4 || c.ipType() == 6, DispatchError.InvalidIpType, "ip_type " + c.ipType());
        int expected = c.ipType() == 4 ? 4 : 16;
        ensure(
                ip.length == expected,
                DispatchError.InvalidIpType,
                "ip_type " + c.ipType() + " needs a " + expected + "-byte address, got " + ip.length + " bytes");
        ensure(c.port() > 0 && c.port() <= 0xFFFF, DispatchError.InvalidPort, "port " + c.port());
        String refusal = IpAddresses.refusal(ip, s.isLive());
        ensure(refusal == null, DispatchError.InvalidIpAddress, refusal);

        NeuronInfo n = s.neuron(netuid, uid);
        long limit = s.hyperparams(netuid).servingRateLimit();
        if (n.axon() != null) {
            long since = block - n.axon().block();
            ensure(
                    since >= limit,
                    DispatchError.ServingRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + ")");
        }
        s.setNeuron(netuid, uid, n.withAxon(new AxonInfo(ip, c.port(), c.ipType(), c.protocol(), c.version(), block)));
        ctx.emit(new Event.AxonServed(netuid, hotkey));
    }
}
