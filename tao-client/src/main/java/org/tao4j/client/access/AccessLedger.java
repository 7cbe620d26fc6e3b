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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tao4j.core.crypto.H256;

/**
 * The client's running total per channel, one small append-only file per channel in a directory
 * (the CLI uses {@code <wallet>/access/}): {@code signed} is an upper bound of every cumulative
 * amount it ever signed, {@code paid} the highest one a gateway answered for. The file holds lines
 * {@code S <rao>} and {@code P <rao>}; the totals are the largest of each.
 *
 * <p>{@link #signing} forces its line to disk <b>before</b> the voucher leaves the process (raising
 * the bound a few prices ahead, so one write covers several queries). {@link #paid} is not forced: if
 * it is lost in a crash, the next voucher repeats an amount the gateway already holds, the gateway
 * answers {@code voucher_stale} with {@code last_accepted} and the client's own signature on it, and
 * the client takes it (see {@link AccessClient}). Past {@value #COMPACT_LINES} lines a
 * file is rewritten as two lines (temporary file, fsync, atomic rename, directory fsync). A torn last
 * line (a crash mid-append) is skipped.
 *
 * <p>One process per channel at a time (the methods are synchronized within a process).
 */
public final class AccessLedger {
    static final int COMPACT_LINES = 4_096;
    /** Channels whose totals are cached in memory (a program uses a handful). */
    static final int CACHE = 1_024;

    /** One channel's totals, in rao. */
    public record Entry(long signed, long paid) {
        public static final Entry EMPTY = new Entry(0, 0);
    }

    private record Cached(Entry entry, int lines) {}

    private final Path dir;
    private final Map<H256, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<H256, Cached> e) {
            return size() > CACHE;
        }
    };

    private final int compactLines;

    public AccessLedger(Path dir) {
        this(dir, COMPACT_LINES);
    }

    AccessLedger(Path dir, int compactLines) {
        this.dir = dir;
        this.compactLines = compactLines;
    }

    public Path directory() {
        return dir;
    }

    public synchronized Entry get(H256 channel) {
        return load(channel).entry();
    }

    private Cached load(H256 channel) {
        Cached c = cache.get(channel);
        if (c != null) {
            return c;
        }
        Path f = file(channel);
        if (!Files.exists(f)) {
            c = new Cached(Entry.EMPTY, 0);
        } else {
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
                long signed = 0;
                long paid = 0;
                for (int i = 0; i < lines.size(); i++) {
                    String[] p = lines.get(i).trim().split(" ");
                    try {
                        long v = Long.parseLong(p[1]);
                        switch (p[0]) {
                            case "S" -> signed = Math.max(signed, v);
                            case "P" -> paid = Math.max(paid, v);
                            default -> throw new IllegalArgumentException(p[0]);
                        }
                    } catch (RuntimeException e) {
                        if (i < lines.size() - 1) {
                            throw new IllegalStateException("damaged access ledger " + f + " at line " + (i + 1)
                                    + "; restore it from a backup");
                        }
                        // a torn last line: a write cut by a crash, never relied on
                    }
                }
                c = new Cached(new Entry(Math.max(signed, paid), paid), lines.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the access ledger " + f + ": " + e.getMessage(), e);
            }
        }
        cache.put(channel, c);
        return c;
    }

    /** Records that {@code amount} is about to be signed (durably, before it is sent). */
    public synchronized Entry signing(H256 channel, long amount) {
        return signing(channel, amount, 0);
    }

    /**
     * Records that {@code amount} is about to be signed, durably, before it is sent. When the recorded
     * bound is below it, the bound is raised to {@code amount + ahead} in one forced write, so the
     * next queries up to it need no write: {@code signed} is an upper bound of what was ever signed,
     * never below it.
     */
    public synchronized Entry signing(H256 channel, long amount, long ahead) {
        Cached c = load(channel);
        if (amount <= c.entry().signed()) {
            return c.entry();
        }
        Entry next = new Entry(Math.addExact(amount, ahead), c.entry().paid());
        append(channel, c, next, "S " + next.signed() + "\n", true);
        return next;
    }

    /** Records that the gateway answered for {@code amount} (or took it without an answer). */
    public synchronized Entry paid(H256 channel, long amount) {
        Cached c = load(channel);
        // never forced: a lost line only makes the next voucher repeat an amount the gateway holds,
        // and the gateway's 402 then carries this client's own signature on it
        Entry next = new Entry(
                Math.max(c.entry().signed(), amount), Math.max(c.entry().paid(), amount));
        if (!next.equals(c.entry())) {
            String line = (next.signed() != c.entry().signed() ? "S " + next.signed() + "\n" : "") + "P " + next.paid()
                    + "\n";
            append(channel, c, next, line, next.signed() != c.entry().signed());
        }
        return next;
    }

    private void append(H256 channel, Cached c, Entry next, String line, boolean force) {
        Path f = file(channel);
        int lines = c.lines() + (int) line.chars().filter(ch -> ch == '\n').count();
        if (lines > compactLines) {
            writeDurably(
                    dir, f, ("S " + next.signed() + "\nP " + next.paid() + "\n").getBytes(StandardCharsets.US_ASCII));
            cache.put(channel, new Cached(next, 2));
            return;
        }
        try {
            boolean created = !Files.exists(f);
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(
                    f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (force || created) {
                    ch.force(false);
                }
            }
            if (created) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access ledger " + f + ": " + e.getMessage(), e);
        }
        cache.put(channel, new Cached(next, lines));
    }

    /** The channels with a record. */
    public synchronized List<H256> channels() {
        if (!Files.isDirectory(dir)) {
            return List.of();
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
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }
}
