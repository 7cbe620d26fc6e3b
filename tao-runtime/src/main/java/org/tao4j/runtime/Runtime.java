package org.tao4j.runtime;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.channels.Channels;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.governance.Governance;
import org.tao4j.runtime.keys.Commitments;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.keys.Proxies;
import org.tao4j.runtime.neurons.Registration;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.root.Root;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.staking.Childkeys;
import org.tao4j.runtime.staking.Staking;
import org.tao4j.runtime.subnets.Subnets;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The chain's state transition function (docs/spec/chain.md): validates transactions, dispatches calls and
 * runs the block step. Pure: no I/O, no clock, no randomness; the same state and blocks give the same
 * result on every machine. One instance per chain (it holds the genesis hash the signatures commit to).
 */
public final class Runtime {

    private final byte[] genesisHash;

    public Runtime(byte[] genesisHash) {
        if (genesisHash == null || genesisHash.length != 32) {
            throw new IllegalArgumentException("the genesis hash is 32 bytes");
        }
        this.genesisHash = genesisHash.clone();
    }

    public byte[] genesisHash() {
        return genesisHash.clone();
    }

    // ---------------------------------------------------------------- validity

    /** The fee a transaction pays: {@code base + per_byte * length + tip}, or -1 on overflow. */
    public static long fee(ChainParams p, Extrinsic x) {
        try {
            return Math.addExact(
                    Math.addExact(p.baseFee(), Math.multiplyExact(p.perByteFee(), (long) x.encodedLength())), x.tip());
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /**
     * Checks a transaction against {@code state} for inclusion in block {@code block} (docs/spec/chain.md §2), in
     * order: size, signature, era, stale nonce, fee (a future nonce must be able to pay its fee too), future nonce.
     */
    public Validity validate(ChainState state, Extrinsic x, long block) {
        return validate(state, x, block, false);
    }

    /** As {@link #validate(ChainState, Extrinsic, long)}; {@code signatureChecked} skips a verification already done. */
    public Validity validate(ChainState state, Extrinsic x, long block, boolean signatureChecked) {
        if (x.encodedLength() > BlockLimits.MAX_EXTRINSIC_BYTES) {
            return new Validity.Invalid(
                    Validity.Kind.TOO_LARGE,
                    "too large: " + x.encodedLength() + " bytes, a transaction may have at most "
                            + BlockLimits.MAX_EXTRINSIC_BYTES);
        }
        if (!signatureChecked && !x.verify(genesisHash)) {
            return new Validity.Invalid(
                    Validity.Kind.BAD_SIGNATURE, "bad signature: signed for another chain or tampered");
        }
        if (Long.compareUnsigned(x.era(), block) < 0) {
            return new Validity.Invalid(
                    Validity.Kind.EXPIRED,
                    "expired: valid until block " + Long.toUnsignedString(x.era()) + ", now " + block);
        }
        Account acc = state.account(x.signer());
        if (Long.compareUnsigned(x.nonce(), acc.nonce()) < 0) {
            return new Validity.Invalid(
                    Validity.Kind.STALE_NONCE,
                    "stale nonce " + Long.toUnsignedString(x.nonce()) + ": the account's next nonce is " + acc.nonce());
        }
        long fee = fee(state.params(), x);
        if (fee < 0 || x.tip() < 0) {
            return new Validity.Invalid(Validity.Kind.CANNOT_PAY_FEE, "the fee overflows: tip too large");
        }
        // a future transaction must be payable now too: otherwise anyone could queue them for free
        if (acc.free() < fee) {
            return new Validity.Invalid(
                    Validity.Kind.CANNOT_PAY_FEE,
                    "cannot pay the fee of " + fee + " rao: " + acc.free() + " rao free"
                            + (acc.free() == 0 && acc.nonce() == 0 ? " (the account does not exist)" : ""));
        }
        if (x.nonce() != acc.nonce()) {
            return new Validity.Future(acc.nonce(), x.nonce());
        }
        return new Validity.Valid(fee, x.tip());
    }

    // ---------------------------------------------------------------- blocks

    /** Starts executing block {@code number} on top of {@code parent}; nothing reaches it until the caller commits. */
    public BlockExecution begin(KeyValueStore parent, long number) {
        return new BlockExecution(this, parent, number);
    }

    /**
     * Applies one transaction: charges the fee and advances the nonce (kept even if the call fails),
     * then runs the call in its own overlay, rolled back on failure.
     */
    ApplyResult apply(
            ChainState blockState, Extrinsic x, int index, long block, List<Event> events, boolean signatureChecked) {
        Validity v = validate(blockState, x, block, signatureChecked);
        if (v instanceof Validity.Invalid inv) {
            return new ApplyResult.Rejected(inv);
        }
        if (v instanceof Validity.Future f) {
            return new ApplyResult.NotYet(f);
        }
        long fee = ((Validity.Valid) v).fee();
        DispatchContext feeCtx = new DispatchContext(blockState, block, new Origin.Signed(x.signer()), events);
        Balances.withdraw(feeCtx, x.signer(), fee, true);
        Balances.recycle(blockState, fee);
        Account acc = blockState.account(x.signer());
        blockState.setAccount(x.signer(), new Account(acc.free(), acc.nonce() + 1));

        OverlayKeyValueStore callKv = new OverlayKeyValueStore(blockState.store());
        List<Event> callEvents = new ArrayList<>();
        DispatchContext ctx = new DispatchContext(
                new ChainState(callKv), block, new Origin.Signed(x.signer()), callEvents, genesisHash);
        try {
            dispatch(ctx, x.call());
            callKv.commit();
            events.addAll(callEvents);
            events.add(new Event.ExtrinsicSuccess(index, x.signer(), fee));
            return new ApplyResult.Included(index, fee, null, null);
        } catch (DispatchFailure f) {
            callKv.rollback();
            events.add(
                    new Event.ExtrinsicFailed(index, x.signer(), fee, f.error().name(), f.display()));
            return new ApplyResult.Included(index, fee, f.error().name(), f.display());
        } catch (RuntimeException bug) {
            // a defect in a call must not halt the chain; every node fails the same way
            callKv.rollback();
            String msg = "Internal: " + bug.getClass().getSimpleName() + ": " + bug.getMessage();
            events.add(new Event.ExtrinsicFailed(index, x.signer(), fee, "Internal", msg));
            return new ApplyResult.Included(index, fee, "Internal", msg);
        }
    }

    /** Routes a call to its module. Also used by sudo and by passed proposals, with a root origin. */
    public static void dispatch(DispatchContext ctx, Call call) {
        switch (call) {
            case Call.Transfer c -> Balances.transfer(ctx, c);
            case Call.TransferAll c -> Balances.transferAll(ctx, c);
            case Call.RegisterNetwork c -> Subnets.registerNetwork(ctx, c);
            case Call.SetHyperparameter c -> Subnets.setHyperparameter(ctx, c);
            case Call.SetSubnetParameter c -> Subnets.setSubnetParameter(ctx, c);
            case Call.BurnedRegister c -> Registration.burnedRegister(ctx, c);
            case Call.ServeAxon c -> Registration.serveAxon(ctx, c);
            case Call.SetWeights c -> WeightSetting.setWeights(ctx, c);
            case Call.CommitWeights c -> WeightSetting.commitWeights(ctx, c);
            case Call.RevealWeights c -> WeightSetting.revealWeights(ctx, c);
            case Call.AddStake c -> Staking.addStake(ctx, c);
            case Call.RemoveStake c -> Staking.removeStake(ctx, c);
            case Call.DecreaseTake c -> Staking.decreaseTake(ctx, c);
            case Call.IncreaseTake c -> Staking.increaseTake(ctx, c);
            case Call.MoveStake c -> Staking.moveStake(ctx, c);
            case Call.TransferStake c -> Staking.transferStake(ctx, c);
            case Call.UnstakeAll c -> Staking.unstakeAll(ctx, c);
            case Call.SetChildren c -> Childkeys.setChildren(ctx, c);
            case Call.SetChildkeyTake c -> Childkeys.setChildkeyTake(ctx, c);
            case Call.RootRegister c -> Root.rootRegister(ctx, c);
            case Call.SetRootWeights c -> Root.setRootWeights(ctx, c);
            case Call.Propose c -> Governance.propose(ctx, c);
            case Call.Vote c -> Governance.vote(ctx, c);
            case Call.Sudo c -> Governance.sudo(ctx, c);
            case Call.SetGlobalParameter c -> Governance.setGlobalParameter(ctx, c);
            case Call.SwapHotkey c -> KeySafety.swapHotkey(ctx, c);
            case Call.AnnounceColdkeySwap c -> KeySafety.announceColdkeySwap(ctx, c);
            case Call.SwapColdkey c -> KeySafety.swapColdkey(ctx, c);
            case Call.DisputeColdkeySwap c -> KeySafety.disputeColdkeySwap(ctx, c);
            case Call.DecideColdkeySwap c -> KeySafety.decideColdkeySwap(ctx, c);
            case Call.AddProxy c -> Proxies.addProxy(ctx, c);
            case Call.RemoveProxy c -> Proxies.removeProxy(ctx, c);
            case Call.RemoveProxies c -> Proxies.removeProxies(ctx, c);
            case Call.Proxy c -> Proxies.proxy(ctx, c);
            case Call.AnnounceProxy c -> Proxies.announce(ctx, c);
            case Call.Commit c -> Commitments.commit(ctx, c);
            case Call.OpenChannel c -> Channels.open(ctx, c);
            case Call.TopUpChannel c -> Channels.topUp(ctx, c);
            case Call.ClaimChannel c -> Channels.claim(ctx, c, ctx.genesisHash());
            case Call.CloseChannel c -> Channels.close(ctx, c);
        }
    }

    /** Fails unless the context runs as root. */
    public static void ensureRoot(DispatchContext ctx) {
        DispatchFailure.ensure(
                ctx.isRoot(),
                DispatchError.NotAllowedToChange,
                "only governance (a passed proposal) or the dev chain's sudo key may make this call");
    }

    /**
     * Verifies the signatures of many transactions on all cores (signature checks do not depend on
     * state, so the order of verification cannot change any result). {@code ok[i]} is x[i]'s result.
     */
    public boolean[] verifyAll(List<Extrinsic> xs) {
        boolean[] ok = new boolean[xs.size()];
        java.util.stream.IntStream.range(0, xs.size())
                .parallel()
                .forEach(i -> ok[i] = xs.get(i).verify(genesisHash));
        return ok;
    }

    /** Convenience for tests and tools: sign with a key pair for this chain. */
    public Extrinsic sign(Ed25519.KeyPair key, long nonce, long era, Call call) {
        return Extrinsic.sign(key, nonce, 0, era, call, genesisHash);
    }
}
