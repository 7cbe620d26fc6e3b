package org.tao4j.runtime.governance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.root.Root;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.Proposal;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.GlobalParameter;

/**
 * The senate, proposals and votes, and the dev chain's sudo key (docs/spec/chain.md §6 "Governance").
 *
 * <p>The senate is computed from state whenever it is needed, never stored: the
 * {@code senate_size} root members with the most total stake (ties to the lower uid) that each
 * hold at least {@code senate_min_stake_ppm} of all stake (and some stake). A vote counts only
 * while its voter is in the senate; a proposal passes in the block where more than half of the
 * current senate has voted aye, and is closed as rejected as soon as its nays make that impossible.
 *
 * <p>Passed proposals and sudo run their call with root origin in a nested overlay: a failing call
 * is rolled back alone and reported in an event, while the vote (or the sudo transaction) stands.
 */
public final class Governance {

    /**
     * At most this many proposals are open at once (the reference senate's {@code MaxProposals}),
     * which bounds the per-block expiry scan and what a senate member can make every node store.
     */
    public static final int MAX_PROPOSALS = 20;

    /** The message of {@link Event.ProposalExecuted} for a proposal closed by its nays. */
    public static final String REJECTED = "rejected";

    private Governance() {}

    // ---------------------------------------------------------------- senate

    /** The current senate's hotkeys, most stake first (ties: lower root uid first). */
    public static List<AccountId> senate(ChainState s) {
        ChainParams p = s.params();
        BigInteger floor = BigInteger.valueOf(s.totalStake()).multiply(BigInteger.valueOf(p.senateMinStakePpm()));
        BigInteger ppm = BigInteger.valueOf(ChainParams.PPM);
        List<NeuronInfo> members = s.neurons(Root.ROOT);
        List<Seat> seats = new ArrayList<>();
        for (int uid = 0; uid < members.size(); uid++) {
            AccountId hk = members.get(uid).hotkey();
            long stake = s.totalHotkeyStake(hk);
            // stake / total >= ppm / 1e6, without division
            if (stake > 0 && BigInteger.valueOf(stake).multiply(ppm).compareTo(floor) >= 0) {
                seats.add(new Seat(hk, stake, uid));
            }
        }
        seats.sort(Comparator.comparingLong(Seat::stake).reversed().thenComparingInt(Seat::uid));
        List<AccountId> out = new ArrayList<>();
        for (int i = 0; i < seats.size() && i < p.senateSize(); i++) {
            out.add(seats.get(i).hotkey());
        }
        return out;
    }

    private record Seat(AccountId hotkey, long stake, int uid) {}

    // ---------------------------------------------------------------- propose and vote

    /**
     * {@code propose(call)}: signed by a senate member's hotkey. Only global parameter changes may
     * be proposed ({@link Call.SetGlobalParameter}, {@link Call.SetSubnetParameter}). The proposer's
     * aye is counted at once, so a one-member senate executes its proposal in the same call. Open
     * for votes until block {@code end = block + proposal_duration} inclusive.
     */
    public static void propose(DispatchContext ctx, Call.Propose c) {
        ChainState s = ctx.state();
        AccountId who = ctx.signer();
        List<AccountId> senate = senate(s);
        DispatchFailure.ensure(
                senate.contains(who),
                DispatchError.NotSenateMember,
                who.toSs58() + " is not among the " + senate.size() + " senate members");
        Call call = c.call();
        DispatchFailure.ensure(
                call instanceof Call.SetGlobalParameter
                        || call instanceof Call.SetSubnetParameter
                        || call instanceof Call.DecideColdkeySwap,
                DispatchError.ProposalNotAllowed,
                call.getClass().getSimpleName()
                        + " cannot be proposed; only SetGlobalParameter, SetSubnetParameter and DecideColdkeySwap may be");
        int open = s.proposals().size();
        DispatchFailure.ensure(
                open < MAX_PROPOSALS,
                DispatchError.TooManyProposals,
                open + " proposals are open (maximum " + MAX_PROPOSALS + ")");
        long id = s.nextProposalId();
        s.setNextProposalId(id + 1);
        Proposal p = new Proposal(
                id,
                who,
                CallCodec.encode(call),
                List.of(who),
                List.of(),
                Math.addExact(ctx.block(), ctx.params().proposalDuration()));
        s.setProposal(p);
        ctx.emit(new Event.Proposed(id, who));
        tally(ctx, p, senate);
    }

    /**
     * {@code vote(proposal, aye)}: signed by a senate member's hotkey. A member may switch its
     * vote; repeating the same vote fails with {@link DispatchError#DuplicateVote}.
     */
    public static void vote(DispatchContext ctx, Call.Vote c) {
        ChainState s = ctx.state();
        AccountId who = ctx.signer();
        List<AccountId> senate = senate(s);
        DispatchFailure.ensure(
                senate.contains(who),
                DispatchError.NotSenateMember,
                who.toSs58() + " is not among the " + senate.size() + " senate members");
        Proposal p = s.proposal(c.proposalId());
        DispatchFailure.ensure(p != null, DispatchError.ProposalNotFound, "no open proposal #" + c.proposalId());
        DispatchFailure.ensure(
                ctx.block() <= p.end(),
                DispatchError.ProposalNotFound,
                "proposal #" + p.id() + " expired after block " + p.end());
        List<AccountId> ayes = new ArrayList<>(p.ayes());
        List<AccountId> nays = new ArrayList<>(p.nays());
        List<AccountId> same = c.aye() ? ayes : nays;
        List<AccountId> other = c.aye() ? nays : ayes;
        DispatchFailure.ensure(
                !same.contains(who),
                DispatchError.DuplicateVote,
                who.toSs58() + " already voted " + (c.aye() ? "aye" : "nay") + " on proposal #" + p.id());
        other.remove(who);
        same.add(who);
        Proposal q = new Proposal(p.id(), p.proposer(), p.call(), ayes, nays, p.end());
        s.setProposal(q);
        ctx.emit(new Event.Voted(q.id(), who, c.aye(), ayes.size(), nays.size()));
        tally(ctx, q, senate);
    }

    /**
     * Counts the votes of current senate members: more than half ayes executes the proposal; nays
     * from at least half the senate leave no majority possible, which closes it as rejected.
     */
    private static void tally(DispatchContext ctx, Proposal p, List<AccountId> senate) {
        int members = senate.size();
        int ayes = countIn(p.ayes(), senate);
        int nays = countIn(p.nays(), senate);
        if (2L * ayes > members) {
            ctx.state().removeProposal(p.id());
            Result r = decodeAndRun(ctx, p.call());
            ctx.emit(new Event.ProposalExecuted(p.id(), r.ok(), r.message()));
        } else if (2L * nays >= members) {
            ctx.state().removeProposal(p.id());
            ctx.emit(new Event.ProposalExecuted(p.id(), false, REJECTED));
        }
    }

    private static int countIn(List<AccountId> voters, List<AccountId> senate) {
        int n = 0;
        for (AccountId v : voters) {
            if (senate.contains(v)) {
                n++;
            }
        }
        return n;
    }

    private static Result decodeAndRun(DispatchContext ctx, byte[] encoded) {
        Call call;
        try {
            call = CallCodec.read(new ScaleReader(encoded));
        } catch (ScaleException e) {
            return new Result(false, "the proposed call does not decode: " + e.getMessage());
        }
        return dispatchAsRoot(ctx, call);
    }

    // ---------------------------------------------------------------- sudo

    /**
     * {@code sudo(call)}: dev chains only, signed by the sudo key; runs {@code call} with root
     * origin. As in Substrate, the sudo transaction succeeds even if the inner call fails; the
     * outcome is in {@link Event.Sudid}.
     */
    public static void sudo(DispatchContext ctx, Call.Sudo c) {
        AccountId key = ctx.state().sudoKey();
        DispatchFailure.ensure(key != null, DispatchError.NoSudo, "live chains have no sudo key");
        AccountId who = ctx.signer();
        DispatchFailure.ensure(
                key.equals(who), DispatchError.NotSudo, who.toSs58() + " is not the sudo key " + key.toSs58());
        Result r = dispatchAsRoot(ctx, c.call());
        ctx.emit(new Event.Sudid(r.ok(), r.message()));
    }

    /** The outcome of a call run on behalf of governance or sudo. */
    private record Result(boolean ok, String message) {}

    /** Runs {@code call} with root origin in its own overlay: kept on success, rolled back alone on failure. */
    private static Result dispatchAsRoot(DispatchContext ctx, Call call) {
        OverlayKeyValueStore kv = new OverlayKeyValueStore(ctx.state().store());
        List<Event> inner = new ArrayList<>();
        DispatchContext rootCtx = new DispatchContext(new ChainState(kv), ctx.block(), Origin.ROOT, inner);
        try {
            Runtime.dispatch(rootCtx, call);
            kv.commit();
            inner.forEach(ctx::emit);
            return new Result(true, "ok");
        } catch (DispatchFailure f) {
            kv.rollback();
            return new Result(false, f.display());
        } catch (RuntimeException bug) {
            // as Runtime.apply: a defect in the inner call fails it the same way on every node
            kv.rollback();
            return new Result(false, "Internal: " + bug.getClass().getSimpleName() + ": " + bug.getMessage());
        }
    }

    // ---------------------------------------------------------------- global parameters

    /** The largest base fee governance may set: 1 TAO. */
    public static final long MAX_BASE_FEE = ChainParams.RAO_PER_TAO;
    /** The largest per-byte fee governance may set: 0.01 TAO. */
    public static final long MAX_PER_BYTE_FEE = ChainParams.RAO_PER_TAO / 100;

    /**
     * {@code set_global_parameter(param, value)}: root origin only (a passed proposal, or sudo).
     * Ranges: subnet_limit 1..4096; min_lock 0..21M TAO; base_fee 0..1 TAO; per_byte_fee
     * 0..0.01 TAO (fees low enough that the senate can always afford to vote them down again);
     * network_rate_limit 0..2^32-1 blocks; default_max_allowed_validators 1..65535.
     */
    public static void setGlobalParameter(DispatchContext ctx, Call.SetGlobalParameter c) {
        Runtime.ensureRoot(ctx);
        GlobalParameter g = c.param();
        long v = c.value();
        long[] range = switch (g) {
            case SUBNET_LIMIT -> new long[] {1, 4_096};
            case MIN_LOCK -> new long[] {0, EmissionSchedule.TOTAL_SUPPLY};
            case BASE_FEE -> new long[] {0, MAX_BASE_FEE};
            case PER_BYTE_FEE -> new long[] {0, MAX_PER_BYTE_FEE};
            case NETWORK_RATE_LIMIT -> new long[] {0, 0xFFFF_FFFFL};
            case DEFAULT_MAX_ALLOWED_VALIDATORS -> new long[] {1, 65_535};
            case CLAIM_GRACE -> new long[] {1, org.tao4j.runtime.channels.Channels.MAX_CLAIM_GRACE};
        };
        DispatchFailure.ensure(
                v >= range[0] && v <= range[1],
                DispatchError.InvalidGlobalParameter,
                g.wireName() + " must be in " + range[0] + ".." + range[1] + ", got " + Long.toUnsignedString(v));
        ChainState s = ctx.state();
        if (g == GlobalParameter.CLAIM_GRACE) {
            // kept apart from ChainParams so that the genesis encoding of the parameters is unchanged
            s.setClaimGrace(v);
        } else {
            s.setParams(s.params().with(g, v));
        }
        ctx.emit(new Event.GlobalParameterSet(g.wireName(), v));
    }

    // ---------------------------------------------------------------- block step

    /** End of block: proposals whose voting window ended before this block expire. */
    public static void onBlock(ChainState s, long block, List<Event> events) {
        for (Proposal p : s.proposals()) {
            if (p.end() < block) {
                s.removeProposal(p.id());
                events.add(new Event.ProposalExpired(p.id()));
            }
        }
    }
}
