package org.tao4j.runtime.neurons;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.consensus.NeuronSnapshot;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.schema.WeightCommit;
import org.tao4j.runtime.tx.Call;

/**
 * {@code set_weights}, {@code commit_weights} and {@code reveal_weights} with every guard
 * (docs/spec/chain.md §4). All three are signed by the neuron's hotkey.
 *
 * <p>Consensus code: integer and I32F32 arithmetic only, no hashing containers.
 */
public final class WeightSetting {

    private WeightSetting() {}

    // ---------------------------------------------------------------- set_weights

    /**
     * {@code set_weights(netuid, dests, values, version_key)} (docs/spec/chain.md §4). Guards, in order:
     * subnet exists and is not root; commit-reveal off; caller registered; the shared row checks of
     * {@link #validate}; the weights rate limit. Stores the max-upscaled row in the given order and
     * sets {@code last_update}.
     */
    public static void setWeights(DispatchContext ctx, Call.SetWeights c) {
        AccountId hotkey = ctx.signer();
        ChainState s = ctx.state();
        int netuid = c.netuid();
        SubnetInfo sn = subnet(s, netuid);
        Hyperparams h = s.hyperparams(netuid);
        ensure(
                !h.commitRevealEnabled(),
                DispatchError.CommitRevealEnabled,
                "subnet " + netuid + " has commit_reveal_enabled on");
        int uid = registeredUid(s, netuid, hotkey);
        NeuronInfo neuron = s.neuron(netuid, uid);
        int[] row = validate(ctx, sn, h, uid, neuron, c.dests(), c.values(), c.versionKey());
        ensureRateLimit(ctx.block(), neuron, h);
        store(s, netuid, uid, neuron, c.dests(), row, ctx.block());
        ctx.emit(new Event.WeightsSet(netuid, uid));
    }

    // ---------------------------------------------------------------- commit / reveal

    /**
     * {@code commit_weights(netuid, hash)} (docs/spec/chain.md §4): records a hash of weights to reveal later,
     * {@link #commitHash}. Guards: subnet exists and is not root; commit-reveal on; caller registered;
     * the weights rate limit (a commit sets {@code last_update}, so commits are rate limited like
     * {@code set_weights}); fewer than {@code max_pending_commits} unexpired commits pending.
     * Expired commits are dropped here.
     */
    public static void commitWeights(DispatchContext ctx, Call.CommitWeights c) {
        AccountId hotkey = ctx.signer();
        ChainState s = ctx.state();
        int netuid = c.netuid();
        subnet(s, netuid);
        Hyperparams h = s.hyperparams(netuid);
        ensure(
                h.commitRevealEnabled(),
                DispatchError.CommitRevealDisabled,
                "subnet " + netuid + " has commit_reveal_enabled off");
        int uid = registeredUid(s, netuid, hotkey);
        NeuronInfo neuron = s.neuron(netuid, uid);
        long block = ctx.block();
        ensureRateLimit(block, neuron, h);
        long epoch = epochIndex(block, netuid, h.tempo());
        List<WeightCommit> live = new ArrayList<>();
        for (WeightCommit w : s.commits(netuid, hotkey)) {
            if (!isExpired(w, epoch, netuid, h)) {
                live.add(w);
            }
        }
        int max = ctx.params().maxPendingCommits();
        ensure(
                live.size() < max,
                DispatchError.TooManyUnrevealedCommits,
                live.size() + " commits pending (limit " + max + "): reveal one or wait until they expire");
        byte[] hash = c.hash();
        live.add(new WeightCommit(hash, block, epoch));
        s.setCommits(netuid, hotkey, live);
        s.setNeuron(netuid, uid, neuron.withLastUpdate(block));
        ctx.emit(new Event.WeightsCommitted(netuid, hotkey, hash));
    }

    /**
     * {@code reveal_weights(netuid, dests, values, salt, version_key)} (docs/spec/chain.md §4). Finds the
     * oldest unexpired pending commit whose hash is {@link #commitHash} of the arguments; it is
     * accepted only in epoch {@code commit_epoch + reveal_period_epochs}. Then the row goes through
     * the checks of {@code set_weights} (not the rate limit) and is stored, and that commit is
     * removed. Expired commits are dropped here.
     */
    public static void revealWeights(DispatchContext ctx, Call.RevealWeights c) {
        AccountId hotkey = ctx.signer();
        ChainState s = ctx.state();
        int netuid = c.netuid();
        SubnetInfo sn = subnet(s, netuid);
        Hyperparams h = s.hyperparams(netuid);
        ensure(
                h.commitRevealEnabled(),
                DispatchError.CommitRevealDisabled,
                "subnet " + netuid + " has commit_reveal_enabled off");
        int uid = registeredUid(s, netuid, hotkey);
        long block = ctx.block();
        long epoch = epochIndex(block, netuid, h.tempo());
        int[] dests = c.dests();
        int[] values = c.values();
        byte[] hash = commitHash(hotkey, netuid, dests, values, c.salt(), c.versionKey());

        List<WeightCommit> live = new ArrayList<>();
        WeightCommit expiredMatch = null;
        int match = -1;
        for (WeightCommit w : s.commits(netuid, hotkey)) {
            boolean same = Arrays.equals(w.hash(), hash);
            if (isExpired(w, epoch, netuid, h)) {
                if (same && expiredMatch == null) {
                    expiredMatch = w;
                }
                continue;
            }
            if (same && match < 0) {
                match = live.size();
            }
            live.add(w);
        }
        if (match < 0) {
            if (expiredMatch != null) {
                long reveal = commitEpoch(expiredMatch, netuid, h) + h.revealPeriodEpochs();
                throw new DispatchFailure(
                        DispatchError.ExpiredWeightCommit,
                        "the commit of block " + expiredMatch.block() + " could be revealed only in epoch " + reveal
                                + "; now epoch " + epoch);
            }
            throw new DispatchFailure(
                    DispatchError.NoWeightsCommitFound,
                    live.size() + " commits pending for " + hotkey + " on subnet " + netuid
                            + ", none with this hash: check dests, values, salt and version key");
        }
        WeightCommit commit = live.get(match);
        long reveal = commitEpoch(commit, netuid, h) + h.revealPeriodEpochs();
        if (epoch < reveal) {
            long start = firstBlockOfEpoch(reveal, netuid, h.tempo());
            throw new DispatchFailure(
                    DispatchError.RevealTooEarly,
                    "the commit of block " + commit.block()
                            + " can be revealed in epoch " + reveal + " from block " + start + " (" + (start - block)
                            + " blocks left); now epoch " + epoch);
        }
        NeuronInfo neuron = s.neuron(netuid, uid);
        int[] row = validate(ctx, sn, h, uid, neuron, dests, values, c.versionKey());
        live.remove(match);
        s.setCommits(netuid, hotkey, live);
        store(s, netuid, uid, neuron, dests, row, block);
        ctx.emit(new Event.WeightsRevealed(netuid, hotkey));
    }

    /**
     * The hash a commit records, which the reveal must reproduce: Blake2b-256 (32 bytes) of the SCALE
     * encoding of the tuple {@code (hotkey, netuid, dests, values, salt, version_key)}, i.e. of these
     * bytes concatenated:
     * <ol>
     *   <li>{@code hotkey}: the 32 raw bytes of the hotkey's public key, no length prefix;</li>
     *   <li>{@code netuid}: u16, little-endian (2 bytes);</li>
     *   <li>{@code dests}: {@code Vec<u16>}, the SCALE compact length then each uid as u16 LE;</li>
     *   <li>{@code values}: {@code Vec<u16>}, compact length then each value as u16 LE, exactly as
     *       they will be submitted in the reveal (before max-upscale);</li>
     *   <li>{@code salt}: {@code Vec<u8>}, compact length then the bytes;</li>
     *   <li>{@code version_key}: u64, little-endian (8 bytes).</li>
     * </ol>
     * For example hotkey {@code H}, netuid 1, dests [0, 1], values [1, 2], salt [9], version 0 hash
     * {@code H ‖ 01 00 ‖ 08 00 00 01 00 ‖ 08 01 00 02 00 ‖ 04 09 ‖ 00×8}. This is the reference chain's
     * {@code BlakeTwo256::hash_of(&(who, netuid, uids, values, salt, version_key))}, except that our
     * salt is a byte string where the reference's is a {@code Vec<u16>}.
     */
    public static byte[] commitHash(
            AccountId hotkey, int netuid, int[] dests, int[] values, byte[] salt, long versionKey) {
        return Blake2b.hash256(ScaleWriter.encode(w -> {
            w.fixedBytes(hotkey.bytes()).u16(netuid);
            w.compact(dests.length);
            for (int d : dests) {
                w.u16(d);
            }
            w.compact(values.length);
            for (int v : values) {
                w.u16(v);
            }
            w.bytes(salt).u64(versionKey);
        }));
    }

    // ---------------------------------------------------------------- epochs of commits

    /**
     * The subnet's epoch index at {@code block}: {@code (block + netuid + 1) / (tempo + 1)}. It
     * increases at the blocks where the subnet runs its epoch (docs/spec/chain.md §3), so the epoch that runs at
     * a block already belongs to the new index.
     */
    public static long epochIndex(long block, int netuid, int tempo) {
        return (block + netuid + 1) / ((long) tempo + 1);
    }

    /** The first block whose {@link #epochIndex} is {@code epoch}. */
    public static long firstBlockOfEpoch(long epoch, int netuid, int tempo) {
        return Math.max(0, epoch * ((long) tempo + 1) - netuid - 1);
    }

    /**
     * The epoch a commit belongs to: the epoch index of its block under the subnet's current tempo,
     * as the reference computes it (the index stored in the commit is the one at commit time, which
     * differs only if governance changed the tempo since).
     */
    public static long commitEpoch(WeightCommit w, int netuid, Hyperparams h) {
        return epochIndex(w.block(), netuid, h.tempo());
    }

    /** A commit expires when the current epoch is past {@code commit_epoch + reveal_period_epochs}. */
    public static boolean isExpired(WeightCommit w, long currentEpoch, int netuid, Hyperparams h) {
        return currentEpoch > commitEpoch(w, netuid, h) + h.revealPeriodEpochs();
    }

    /**
     * The block of the earliest unexpired commit among {@code commits} at {@code block}, or
     * {@link NeuronSnapshot#NO_COMMIT}: the epoch's commit-reveal mask (docs/spec/yuma.md §3 step 5).
     */
    public static long earliestActiveCommitBlock(List<WeightCommit> commits, long block, int netuid, Hyperparams h) {
        long epoch = epochIndex(block, netuid, h.tempo());
        long earliest = NeuronSnapshot.NO_COMMIT;
        for (WeightCommit w : commits) {
            if (!isExpired(w, epoch, netuid, h) && (earliest == NeuronSnapshot.NO_COMMIT || w.block() < earliest)) {
                earliest = w.block();
            }
        }
        return earliest;
    }

    // ---------------------------------------------------------------- shared checks

    /**
     * The row checks shared by {@code set_weights} and {@code reveal_weights} (docs/spec/chain.md §4), in order;
     * returns the max-upscaled values (docs/spec/yuma.md §4) to store.
     */
    static int[] validate(
            DispatchContext ctx,
            SubnetInfo sn,
            Hyperparams h,
            int uid,
            NeuronInfo neuron,
            int[] dests,
            int[] values,
            long versionKey) {
        int netuid = sn.netuid();
        int n = sn.n();
        ensure(
                dests.length == values.length,
                DispatchError.WeightVectorLengthMismatch,
                dests.length + " uids but " + values.length + " values");
        int maxLen = ctx.params().maxWeightsPerCall();
        ensure(
                dests.length <= maxLen,
                DispatchError.TooManyWeights,
                dests.length + " weights, at most " + maxLen + " per call");
        int[] sorted = dests.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            ensure(
                    sorted[k] != sorted[k - 1],
                    DispatchError.DuplicateUids,
                    "uid " + sorted[k] + " appears more than once");
        }
        for (int d : dests) {
            ensure(d < n, DispatchError.UidOutOfRange, "uid " + d + " >= n (" + n + ") on subnet " + netuid);
        }
        boolean selfOnly = dests.length == 1 && dests[0] == uid;
        ensure(
                selfOnly || neuron.validatorPermit(),
                DispatchError.NoValidatorPermit,
                "uid " + uid + " on subnet " + netuid
                        + " has no validator permit; without one it may set a weight only on itself");
        ensure(
                Long.compareUnsigned(versionKey, h.weightsVersionKey()) >= 0,
                DispatchError.IncorrectWeightVersionKey,
                "version key " + Long.toUnsignedString(versionKey) + " < the subnet's "
                        + Long.toUnsignedString(h.weightsVersionKey()));
        int minLen = Math.min(h.minAllowedWeights(), n);
        ensure(
                selfOnly || dests.length >= minLen,
                DispatchError.TooFewWeights,
                dests.length + " weights, the subnet needs at least " + minLen);
        int[] upscaled = MaxUpscale.toU16(values);
        if (!selfOnly && !MaxWeightLimit.withinLimit(upscaled, h.maxWeightsLimit())) {
            String limit = MaxWeightLimit.percent(MaxWeightLimit.limitBits(h.maxWeightsLimit()));
            throw new DispatchFailure(
                    DispatchError.MaxWeightExceeded,
                    upscaled.length == 0
                            ? "an empty row is refused while max_weights_limit (" + limit + ") is set"
                            : "the largest weight is "
                                    + MaxWeightLimit.percent(MaxWeightLimit.maxNormalizedBits(upscaled))
                                    + " of the row, limit " + limit + " (max_weights_limit " + h.maxWeightsLimit()
                                    + ")");
        }
        return upscaled;
    }

    /** {@code block − last_update ≥ weights_set_rate_limit} (docs/spec/chain.md §4), counted in blocks. */
    private static void ensureRateLimit(long block, NeuronInfo neuron, Hyperparams h) {
        long since = block - neuron.lastUpdate();
        long limit = h.weightsSetRateLimit();
        ensure(
                Long.compareUnsigned(since, limit) >= 0,
                DispatchError.SettingWeightsTooFast,
                Long.toUnsignedString(limit - since) + " blocks left (rate limit " + Long.toUnsignedString(limit)
                        + ")");
    }

    private static SubnetInfo subnet(ChainState s, int netuid) {
        SubnetInfo sn = s.subnet(netuid);
        ensure(sn != null, DispatchError.SubnetNotFound, "netuid " + netuid);
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "the root network takes root weights (set_root_weights)");
        return sn;
    }

    private static int registeredUid(ChainState s, int netuid, AccountId hotkey) {
        int uid = s.uid(netuid, hotkey);
        ensure(uid >= 0, DispatchError.NotRegistered, "hotkey " + hotkey + " on subnet " + netuid);
        return uid;
    }

    private static void store(
            ChainState s, int netuid, int uid, NeuronInfo neuron, int[] dests, int[] row, long block) {
        s.setWeights(netuid, uid, SparseRow.of(dests, row));
        s.setNeuron(netuid, uid, neuron.withLastUpdate(block));
    }
}
