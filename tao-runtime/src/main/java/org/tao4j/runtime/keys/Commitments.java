package org.tao4j.runtime.keys;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;

/** {@code commit(netuid, data)} (docs/spec/chain.md §11): a registered hotkey publishes up to 1 KiB on its subnet. */
public final class Commitments {

    public static final int MAX_BYTES = 1_024;
    public static final long RATE_LIMIT_LIVE = 100;
    public static final long RATE_LIMIT_DEV = 10;

    private Commitments() {}

    public static long rateLimit(ChainState s) {
        return s.isLive() ? RATE_LIMIT_LIVE : RATE_LIMIT_DEV;
    }

    public static void commit(DispatchContext ctx, Call.Commit c) {
        ChainState s = ctx.state();
        AccountId hotkey = ctx.signer();
        int netuid = c.netuid();
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "commitments are per subnet; root (0) has none");
        ensure(s.subnetExists(netuid), DispatchError.SubnetNotFound, "no subnet " + netuid);
        ensure(
                s.uid(netuid, hotkey) >= 0,
                DispatchError.NotRegistered,
                hotkey.toSs58() + " holds no uid on subnet " + netuid + "; sign with a registered hotkey");
        byte[] data = c.data();
        ensure(data.length <= MAX_BYTES, DispatchError.CommitmentTooLarge, data.length + " bytes > " + MAX_BYTES);
        ChainState.Commitment prev = s.commitment(netuid, hotkey);
        long limit = rateLimit(s);
        if (prev != null) {
            long since = ctx.block() - prev.block();
            ensure(
                    since >= limit,
                    DispatchError.CommitmentRateLimited,
                    (limit - since) + " blocks left (one commitment per " + limit + " blocks per subnet)");
        }
        // an empty commitment is kept (readers see none) so that clearing counts for the rate limit
        s.setCommitment(netuid, hotkey, new ChainState.Commitment(ctx.block(), data));
        ctx.emit(new Event.Committed(netuid, hotkey, ctx.block(), data.length));
    }
}
