package org.tao4j.sdk.neuron;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.chain.SubnetHyperparameters;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * Gets a validator's scores onto the chain as weights, following the subnet's rules: every
 * {@code epochBlocks} blocks (default: the tempo), never faster than {@code weights_set_rate_limit},
 * as a row {@link WeightRow#fromScores normalised and clipped} to {@code min_allowed_weights} and
 * {@code max_weights_limit}; through {@code set_weights}, or, when the subnet has commit-reveal on,
 * {@code commit_weights} now and {@code reveal_weights} in the commit's reveal epoch.
 *
 * <p>Each step calls {@link #reveal} first and {@link #submit} last. Used from one thread (the
 * validator's loop). {@code persist} is called whenever the pending
 * commits change, and before a commit is sent, so the salt is on disk first.
 */
final class WeightSetter {
    private static final Logger LOG = LoggerFactory.getLogger(WeightSetter.class);
    /** Commits kept unrevealed at once; the chain allows max_pending_commits (10 on the dev chain). */
    static final int MAX_PENDING = 4;

    /** A commit whose reveal is still to come. {@code block} is an estimate until {@code confirmed}. */
    record PendingCommit(long block, boolean confirmed, int[] uids, int[] values, byte[] salt, long versionKey) {}

    private final SubnetChain chain;
    private final AccountId hotkey;
    private final int netuid;
    private final int epochBlocks;
    private final Runnable persist;
    private final LongSupplier head;
    private final SecureRandom random = new SecureRandom();
    // read by other threads (stats, saves): copy-on-write, and it holds a handful of entries
    private final List<PendingCommit> commits = new CopyOnWriteArrayList<>();
    private volatile long lastWeightsBlock = Long.MIN_VALUE / 4;
    private long lastUpdate = Long.MIN_VALUE / 4;
    private long retryAfter = Long.MIN_VALUE / 4;
    final AtomicLong weightsSet = new AtomicLong();
    final AtomicLong committed = new AtomicLong();
    final AtomicLong revealed = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    private volatile WeightRow lastRow;
    private volatile String lastError;

    WeightSetter(SubnetChain chain, int netuid, int epochBlocks, LongSupplier head, Runnable persist) {
        this.chain = chain;
        this.head = head;
        this.hotkey = chain.hotkey();
        this.netuid = netuid;
        this.epochBlocks = epochBlocks;
        this.persist = persist;
    }

    /**
     * Reveals the commits whose reveal epoch has come. Call it first in a step: a reveal has one
     * epoch to land, so it must not wait behind the step's queries. Reads the head afresh.
     */
    void reveal(SubnetHyperparameters hp) {
        if (!hp.commitRevealEnabled()) {
            if (!commits.isEmpty()) {
                LOG.warn(
                        "weights.commits_dropped netuid={} count={} reason=commit_reveal_disabled",
                        netuid,
                        commits.size());
                commits.clear();
                persist.run();
            }
            return;
        }
        revealDue(head.getAsLong(), hp);
    }

    /** Sets (or commits) weights from {@code scores} if it is time. Reads the head afresh. */
    void submit(Metagraph mg, int selfUid, SubnetHyperparameters hp, double[] scores) {
        long next = head.getAsLong() + 1; // the block our transaction can land in
        long interval = Math.max(1, epochBlocks > 0 ? epochBlocks : hp.tempo());
        long chainLastUpdate = mg.has(Metagraph.Field.LAST_UPDATE) ? mg.lastUpdate(selfUid) : Long.MIN_VALUE / 4;
        long updated = Math.max(chainLastUpdate, lastUpdate);
        if (next - lastWeightsBlock < interval || next - updated < hp.weightsSetRateLimit() || next < retryAfter) {
            return;
        }
        if (hp.commitRevealEnabled() && commits.size() >= MAX_PENDING) {
            return;
        }
        Optional<WeightRow> row;
        try {
            row = WeightRow.fromScores(scores, hp.minAllowedWeights(), hp.maxWeightsLimit());
        } catch (IllegalArgumentException e) {
            fail(next, interval, "cannot build a weight row: " + e.getMessage());
            return;
        }
        if (row.isEmpty()) {
            LOG.debug("weights.nothing_to_set netuid={} block={}", netuid, next);
            return;
        }
        if (hp.commitRevealEnabled()) {
            commit(next, interval, row.get(), hp.weightsVersionKey());
        } else {
            set(next, interval, row.get(), hp.weightsVersionKey());
        }
    }

    private void set(long next, long interval, WeightRow row, long versionKey) {
        TxResult r = chain.setWeights(netuid, row.uids(), row.values(), versionKey);
        if (r instanceof TxResult.Included in) {
            lastWeightsBlock = in.block();
            lastUpdate = in.block();
            lastRow = row;
            weightsSet.incrementAndGet();
            LOG.info("weights.set netuid={} block={} uids={} row={}", netuid, in.block(), row.size(), row);
        } else {
            fail(next, interval, "set_weights " + r.describe());
        }
    }

    private void commit(long next, long interval, WeightRow row, long versionKey) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        int[] uids = row.uids();
        int[] values = row.values();
        byte[] hash = WeightSetting.commitHash(hotkey, netuid, uids, values, salt, versionKey);
        PendingCommit draft = new PendingCommit(next, false, uids, values, salt, versionKey);
        commits.add(draft);
        persist.run(); // the salt is on disk before the commit can be on chain
        TxResult r = chain.commitWeights(netuid, hash);
        commits.remove(draft);
        if (r instanceof TxResult.Included in) {
            commits.add(new PendingCommit(in.block(), true, uids, values, salt, versionKey));
            lastWeightsBlock = in.block();
            lastUpdate = in.block();
            lastRow = row;
            committed.incrementAndGet();
            LOG.info(
                    "weights.committed netuid={} block={} uids={} pending={}",
                    netuid,
                    in.block(),
                    row.size(),
                    commits.size());
        } else {
            fail(next, interval, "commit_weights " + r.describe());
        }
        persist.run();
    }

    private void revealDue(long head, SubnetHyperparameters hp) {
        long now = hp.epochIndex(head + 1);
        boolean changed = false;
        for (PendingCommit c : List.copyOf(commits)) {
            long revealEpoch = hp.epochIndex(c.block()) + hp.revealPeriodEpochs();
            if (now < revealEpoch) {
                continue;
            }
            if (now > revealEpoch) {
                // its one reveal epoch went by (the validator was stopped or too slow): a missed vote
                commits.remove(c);
                changed = true;
                failures.incrementAndGet();
                lastError = "commit of block " + c.block() + " expired unrevealed (reveal epoch " + revealEpoch
                        + ", now " + now + ")";
                LOG.warn(
                        "weights.commit_expired netuid={} commit_block={} reveal_epoch={} now_epoch={}",
                        netuid,
                        c.block(),
                        revealEpoch,
                        now);
                continue;
            }
            TxResult r = chain.revealWeights(netuid, c.uids(), c.values(), c.salt(), c.versionKey());
            if (r instanceof TxResult.Included in) {
                commits.remove(c);
                changed = true;
                lastUpdate = in.block();
                lastRow = new WeightRow(c.uids(), c.values());
                revealed.incrementAndGet();
                LOG.info(
                        "weights.revealed netuid={} block={} commit_block={} uids={}",
                        netuid,
                        in.block(),
                        c.block(),
                        c.uids().length);
            } else if ("RevealTooEarly".equals(r.error())) {
                LOG.debug("weights.reveal_too_early netuid={} commit_block={} {}", netuid, c.block(), r.describe());
            } else {
                commits.remove(c);
                changed = true;
                failures.incrementAndGet();
                lastError = "reveal_weights " + r.describe();
                LOG.warn("weights.reveal_failed netuid={} commit_block={} {}", netuid, c.block(), r.describe());
            }
        }
        if (changed) {
            persist.run();
        }
    }

    private void fail(long next, long interval, String why) {
        failures.incrementAndGet();
        lastError = why;
        // try again a little later, not at every block
        retryAfter = next + Math.max(1, Math.min(interval / 4, 10));
        LOG.warn("weights.failed netuid={} block={} {}", netuid, next, why);
    }

    // ---- state

    List<PendingCommit> pendingCommits() {
        return List.copyOf(commits);
    }

    long lastWeightsBlock() {
        return lastWeightsBlock;
    }

    WeightRow lastRow() {
        return lastRow;
    }

    String lastError() {
        return lastError;
    }

    void restore(long lastWeightsBlock, List<PendingCommit> pending) {
        this.lastWeightsBlock = lastWeightsBlock;
        this.commits.clear();
        this.commits.addAll(pending);
    }
}
