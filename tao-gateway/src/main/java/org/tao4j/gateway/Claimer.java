package org.tao4j.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.tx.Call;

/**
 * The claim loop: turns the vouchers the gateway holds into TAO on chain. A channel is claimed when
 * its unclaimed amount reaches the threshold, as soon as it has expired (no voucher can follow), at
 * the latest {@code margin} blocks before its claim deadline, and, once, for every voucher found on
 * disk at start (what a killed gateway answered for and never claimed). A channel that is closed, or
 * past its deadline with nothing left to claim, is forgotten (its file removed).
 */
final class Claimer {
    private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

    private final TaoClient client;
    private final Ed25519.KeyPair hotkey;
    private final ChannelBook book;
    private final LongSupplier head;
    private final long threshold;
    private final long margin;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError;

    Claimer(
            TaoClient client,
            Ed25519.KeyPair hotkey,
            ChannelBook book,
            LongSupplier head,
            long threshold,
            long margin) {
        this.client = client;
        this.hotkey = hotkey;
        this.book = book;
        this.head = head;
        this.threshold = threshold;
        this.margin = margin;
    }

    long claimedRao() {
        return claimed.get();
    }

    long claims() {
        return claims.get();
    }

    long failures() {
        return failures.get();
    }

    String lastError() {
        return lastError;
    }

    /** One pass over the channels; never throws (a failed claim is retried on the next pass). */
    void tick() {
        for (ChannelBook.State s : book.states()) {
            try {
                consider(s);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastError = e.getMessage();
                LOG.warn("gateway.claim_check_failed channel={} cause={}", s.id.toHex(), e.toString());
            }
        }
    }

    /** Claims every held voucher that is not yet claimed, whatever the threshold (used at shutdown and in tests). */
    void claimAll() {
        for (ChannelBook.State s : book.states()) {
            try {
                Optional<ChannelInfo> info = book.refresh(s, true);
                if (info.isPresent()
                        && s.held != null
                        && s.held.cumulative() > info.get().claimed()) {
                    claim(s, info.get());
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastError = e.getMessage();
            }
        }
    }

    private void consider(ChannelBook.State s) {
        // decide on the last read state (only this gateway's claims lower what is left, and they
        // refresh it); read the chain again only when there is something to do
        ChannelInfo cached = s.info;
        if (cached == null) {
            Optional<ChannelInfo> first = book.refresh(s, true);
            if (first.isEmpty()) {
                return; // not on chain (yet, or any more): keep the voucher
            }
            cached = first.get();
        }
        if (!needsAction(s, cached)) {
            return;
        }
        Optional<ChannelInfo> maybe = book.refresh(s, true);
        if (maybe.isEmpty()) {
            return;
        }
        ChannelInfo info = maybe.get();
        VoucherStore.Held held = s.held;
        long h = head.getAsLong();
        long unclaimed = held == null ? 0 : held.cumulative() - info.claimed();
        if (unclaimed <= 0) {
            s.claimPending = false;
            if (info.closed() || h > info.claimDeadline()) {
                book.forget(s);
            }
            return;
        }
        if (info.closed() || h > info.claimDeadline()) {
            LOG.error(
                    "gateway.claim_missed channel={} unclaimed={} deadline={} head={}",
                    s.id.toHex(),
                    unclaimed,
                    info.claimDeadline(),
                    h);
            book.forget(s);
            return;
        }
        if (needsAction(s, info)) {
            claim(s, info);
        }
    }

    private boolean needsAction(ChannelBook.State s, ChannelInfo info) {
        VoucherStore.Held held = s.held;
        long h = head.getAsLong();
        long unclaimed = held == null ? 0 : held.cumulative() - info.claimed();
        if (unclaimed <= 0) {
            return info.closed() || h > info.claimDeadline(); // settled: forget it
        }
        return s.claimPending
                || unclaimed >= threshold
                || h >= info.expiresAt()
                || h >= info.claimDeadline() - margin
                || info.closed();
    }

    private void claim(ChannelBook.State s, ChannelInfo info) {
        VoucherStore.Held held = s.held;
        TxOutcome o = client.tx(hotkey, new Call.ClaimChannel(s.id, held.cumulative(), held.signature()))
                .submitAndWatch()
                .await(Duration.ofSeconds(60));
        if (o instanceof TxOutcome.Finalized f && f.isSuccess()) {
            long paid = held.cumulative() - info.claimed();
            claimed.addAndGet(paid);
            claims.incrementAndGet();
            s.claimPending = false;
            LOG.info(
                    "gateway.claimed channel={} cumulative={} paid={} block={}",
                    s.id.toHex(),
                    held.cumulative(),
                    paid,
                    f.blockNumber());
        } else {
            failures.incrementAndGet();
            lastError = o instanceof TxOutcome.Finalized f
                    ? f.error() + ": " + f.errorMessage()
                    : ((TxOutcome.Dropped) o).reason();
            LOG.warn("gateway.claim_failed channel={} cause={}", s.id.toHex(), lastError);
        }
        book.refresh(s, true);
    }
}
