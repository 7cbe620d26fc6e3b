package org.tao4j.runtime.balances;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;

/**
 * Free balances and the supply (docs/spec/chain.md §1-2): transfers, the existential deposit, minting and
 * recycling. Every change of a free balance in the runtime goes through here, so that the issuance
 * invariant is kept in one place.
 */
public final class Balances {

    private Balances() {}

    // ---------------------------------------------------------------- calls

    public static void transfer(DispatchContext ctx, Call.Transfer c) {
        AccountId from = ctx.signer();
        long amount = c.amount();
        // (messages built only on failure: this is every transfer's path)
        if (amount < 0) {
            throw new DispatchFailure(
                    DispatchError.Overflow, Long.toUnsignedString(amount) + " rao is above the 2^63-1 limit");
        }
        ensure(amount > 0, DispatchError.AmountZero, "transfer of 0 rao");
        ensure(!from.equals(c.dest()), DispatchError.BadOrigin, "sender and recipient are the same account");
        withdraw(ctx, from, amount, false);
        depositChecked(ctx, c.dest(), amount);
        ctx.emit(new Event.Transfer(from, c.dest(), amount));
    }

    public static void transferAll(DispatchContext ctx, Call.TransferAll c) {
        AccountId from = ctx.signer();
        ensure(!from.equals(c.dest()), DispatchError.BadOrigin, "sender and recipient are the same account");
        long amount = ctx.state().free(from);
        ensure(amount > 0, DispatchError.InsufficientBalance, "nothing left to transfer after the fee");
        withdraw(ctx, from, amount, true);
        depositChecked(ctx, c.dest(), amount);
        ctx.emit(new Event.Transfer(from, c.dest(), amount));
    }

    // ---------------------------------------------------------------- primitives

    /**
     * Takes {@code amount} from a free balance. Fails if the balance is short, or would be left above 0
     * but below the existential deposit (unless {@code allowReap}, when that dust is recycled).
     */
    public static void withdraw(DispatchContext ctx, AccountId who, long amount, boolean allowReap) {
        ChainState s = ctx.state();
        Account acc = s.account(who);
        ensure(amount >= 0, DispatchError.Overflow, "amount above 2^63 rao");
        if (acc.free() < amount) {
            throw new DispatchFailure(
                    DispatchError.InsufficientBalance, "needs " + amount + " rao, has " + acc.free() + " rao free");
        }
        long left = acc.free() - amount;
        long ed = ctx.params().existentialDeposit();
        if (left > 0 && left < ed) {
            if (!allowReap) {
                throw new DispatchFailure(
                        DispatchError.ExistentialDeposit, left + " rao would remain (existential deposit " + ed + ")");
            }
            recycle(s, left);
            ctx.emit(new Event.DustRecycled(who, left));
            left = 0;
        }
        s.setAccount(who, new Account(left, acc.nonce()));
    }

    /** Adds to a free balance, failing if the result would sit below the existential deposit. */
    public static void depositChecked(DispatchContext ctx, AccountId who, long amount) {
        ChainState s = ctx.state();
        Account acc = s.account(who);
        long total = addExact(acc.free(), amount);
        long ed = ctx.params().existentialDeposit();
        if (total != 0 && total < ed) {
            throw new DispatchFailure(
                    DispatchError.ExistentialDeposit,
                    "the recipient would hold " + total + " rao (existential deposit " + ed + ")");
        }
        s.setAccount(who, new Account(total, acc.nonce()));
    }

    /** Adds to a free balance with no existential-deposit check (payouts, refunds). */
    public static void deposit(ChainState s, AccountId who, long amount) {
        Account acc = s.account(who);
        s.setAccount(who, new Account(addExact(acc.free(), amount), acc.nonce()));
    }

    /** Removes {@code amount} from the issuance: fees, burns and dust (docs/spec/chain.md §1). */
    public static void recycle(ChainState s, long amount) {
        if (amount == 0) {
            return;
        }
        s.setTotalIssuance(s.totalIssuance() - amount);
        s.setTotalRecycled(addExact(s.totalRecycled(), amount));
    }

    /** Adds newly minted rao to the issuance (the caller credits it somewhere). */
    public static void mint(ChainState s, long amount) {
        if (amount == 0) {
            return;
        }
        s.setTotalIssuance(addExact(s.totalIssuance(), amount));
        s.setTotalMinted(addExact(s.totalMinted(), amount));
    }

    public static long addExact(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new DispatchFailure(DispatchError.Overflow, a + " + " + b);
        }
    }
}
