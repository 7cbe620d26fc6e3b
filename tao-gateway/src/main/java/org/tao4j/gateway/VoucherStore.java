package org.tao4j.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;

/**
 * The gateway's durable record of the latest voucher of each channel: an append-only journal
 * ({@code vouchers.log}, one line {@code V <channel> <cumulative> <signature>} per accepted voucher,
 * {@code R <channel>} when a settled channel is forgotten) and a snapshot ({@code vouchers.snapshot},
 * written with fsync and an atomic rename when the journal grows past {@link #COMPACT_LINES}).
 *
 * <p>{@link #put} returns only once its line is on disk ({@code force}): the gateway calls it
 * <b>before</b> it answers, so a crash at any point leaves a voucher at least as high as every answer
 * that went out. Concurrent puts share one {@code force} (group commit): a writer appends its line,
 * then whoever flushes first flushes every line appended so far, and the others find theirs already
 * durable. A torn last line (a crash mid-append) belongs to a voucher that was never acknowledged and
 * is skipped on reading.
 */
final class VoucherStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoucherStore.class);
    static final String JOURNAL = "vouchers.log";
    static final String SNAPSHOT = "vouchers.snapshot";
    /** The journal is folded into the snapshot beyond this many lines (and at least 4 per channel held). */
    static final int COMPACT_LINES = 100_000;

    record Held(H256 channel, long cumulative, byte[] signature) {}

    private final Path dir;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final Map<H256, Held> latest = new LinkedHashMap<>(); // guarded by appendLock
    private final FileChannel journal;
    private volatile long appended; // written under appendLock: lines written
    private volatile long durable; // lines known forced
    private long lines; // guarded by appendLock: lines in the journal file
    private final int compactLines;

    VoucherStore(Path dir) {
        this(dir, COMPACT_LINES);
    }

    VoucherStore(Path dir, int compactLines) {
        this.dir = dir;
        this.compactLines = compactLines;
        try {
            Files.createDirectories(dir);
            read(dir.resolve(SNAPSHOT));
            read(dir.resolve(JOURNAL));
            this.journal = FileChannel.open(
                    dir.resolve(JOURNAL),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the voucher store in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    private void read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            try {
                String[] p = line.split(" ");
                H256 id = H256.fromHex(p[1]);
                if (p[0].equals("V")) {
                    Held h = new Held(id, Long.parseLong(p[2]), Hex.fromHex(p[3], 64));
                    Held old = latest.get(id);
                    if (old == null || old.cumulative() < h.cumulative()) {
                        latest.put(id, h);
                    }
                } else if (p[0].equals("R")) {
                    latest.remove(id);
                } else {
                    throw new IllegalArgumentException("unknown record " + p[0]);
                }
                if (file.endsWith(JOURNAL)) {
                    lines++;
                }
            } catch (RuntimeException e) {
                if (i == all.size() - 1) {
                    LOG.warn(
                            "gateway.voucher_journal_torn_tail file={} (a write cut by a crash; never acknowledged)",
                            file);
                } else {
                    LOG.error("gateway.voucher_journal_damaged file={} line={} cause={}", file, i + 1, e.toString());
                }
            }
        }
    }

    /** Records {@code h} durably; returns once it is on disk. */
    void put(Held h) {
        long mine;
        appendLock.lock();
        try {
            append("V " + h.channel().toHex() + " " + h.cumulative() + " " + Hex.toHex(h.signature()) + "\n");
            latest.put(h.channel(), h);
            mine = appended;
        } finally {
            appendLock.unlock();
        }
        flushUpTo(mine);
    }

    /** Forgets a settled channel (not forced: a channel that comes back after a crash is forgotten again). */
    void remove(H256 channel) {
        appendLock.lock();
        try {
            if (latest.remove(channel) != null) {
                append("R " + channel.toHex() + "\n");
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Every stored voucher. */
    List<Held> loadAll() {
        appendLock.lock();
        try {
            return new ArrayList<>(latest.values());
        } finally {
            appendLock.unlock();
        }
    }

    private void append(String line) {
        try {
            if (lines >= Math.max(compactLines, 4L * latest.size())) {
                compact();
            }
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                journal.write(b);
            }
            appended++;
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the voucher journal: " + e.getMessage(), e);
        }
    }

    private void flushUpTo(long line) {
        if (durable >= line) {
            return;
        }
        flushLock.lock();
        try {
            if (durable >= line) {
                return; // another writer's force covered this line
            }
            long target = appended; // every line up to here is in the file: force makes them durable
            journal.force(false);
            durable = Math.max(durable, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the voucher journal: " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes the live vouchers as the snapshot (durably), then empties the journal. Holds appendLock. */
    private void compact() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Held h : latest.values()) {
            sb.append("V ")
                    .append(h.channel().toHex())
                    .append(' ')
                    .append(h.cumulative())
                    .append(' ')
                    .append(Hex.toHex(h.signature()))
                    .append('\n');
        }
        AccessLedger.writeDurably(dir, dir.resolve(SNAPSHOT), sb.toString().getBytes(StandardCharsets.US_ASCII));
        flushLock.lock();
        try {
            journal.force(false);
            durable = appended;
            journal.truncate(0);
            journal.force(true);
        } finally {
            flushLock.unlock();
        }
        lines = 0;
    }

    @Override
    public void close() {
        appendLock.lock();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.debug("closing the voucher journal", e);
        } finally {
            appendLock.unlock();
        }
    }
}
