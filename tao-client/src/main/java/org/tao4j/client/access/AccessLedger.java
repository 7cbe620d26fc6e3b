package org.tao4j.client.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.tao4j.core.crypto.H256;

/**
 * The client's running total per channel, one small file per channel in a directory (the CLI uses
 * {@code <wallet>/access/}): {@code signed} is the highest cumulative amount it ever signed,
 * {@code paid} the highest one a gateway answered for. Each update is written to a temporary file,
 * forced to disk and renamed over the old one (then the directory is forced), so a crash leaves the
 * old or the new record, never half of one. {@code signed} is written <b>before</b> the voucher leaves
 * the process, so a restarted client never signs below what a gateway may hold.
 *
 * <p>One process per channel at a time (the methods are synchronized within a process).
 */
public final class AccessLedger {
    /** One channel's totals, in rao. */
    public record Entry(long signed, long paid) {
        public static final Entry EMPTY = new Entry(0, 0);
    }

    private final Path dir;

    public AccessLedger(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public synchronized Entry get(H256 channel) {
        Path f = file(channel);
        if (!Files.exists(f)) {
            return Entry.EMPTY;
        }
        try {
            String[] parts =
                    Files.readString(f, StandardCharsets.US_ASCII).trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("damaged access ledger " + f + ": expected 'signed paid'");
            }
            return new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the access ledger " + f + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("damaged access ledger " + f + ": " + e.getMessage());
        }
    }

    /** Records that {@code amount} is about to be signed (durably, before it is sent). */
    public synchronized Entry signing(H256 channel, long amount) {
        Entry e = get(channel);
        Entry next = new Entry(Math.max(e.signed(), amount), e.paid());
        if (!next.equals(e)) {
            write(channel, next);
        }
        return next;
    }

    /** Records that the gateway answered for {@code amount} (or took it without an answer). */
    public synchronized Entry paid(H256 channel, long amount) {
        Entry e = get(channel);
        Entry next = new Entry(Math.max(e.signed(), amount), Math.max(e.paid(), amount));
        if (!next.equals(e)) {
            write(channel, next);
        }
        return next;
    }

    /** The channels with a record. */
    public synchronized java.util.List<H256> channels() {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".total"))
                    .map(n -> parseId(n.substring(0, n.length() - ".total".length())))
                    .flatMap(Optional::stream)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<H256> parseId(String s) {
        try {
            return Optional.of(H256.fromHex(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Path file(H256 channel) {
        return dir.resolve(channel.toHex().substring(2) + ".total");
    }

    private void write(H256 channel, Entry e) {
        writeDurably(dir, file(channel), (e.signed() + " " + e.paid() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes {@code bytes} to {@code target} so that a crash at any point leaves either the old
     * content or the new: a temporary file in the same directory, forced, renamed atomically over the
     * target, and the directory forced so the rename itself is durable.
     */
    public static void writeDurably(Path dir, Path target, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(target.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // some platforms cannot open a directory; the rename is still atomic there
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
