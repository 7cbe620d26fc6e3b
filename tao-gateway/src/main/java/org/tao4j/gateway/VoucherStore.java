package org.tao4j.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;

/**
 * The gateway's durable record of the latest voucher of each channel: one file per channel,
 * {@code <dir>/<channel hex>.voucher} holding {@code cumulative signature-hex}. A write goes to a
 * temporary file, is forced to disk, renamed atomically over the old one, and the directory is
 * forced ({@link AccessLedger#writeDurably}); the gateway writes it <b>before</b> it answers, so a
 * crash at any point leaves a voucher at least as high as every answer that went out.
 */
final class VoucherStore {
    private static final Logger LOG = LoggerFactory.getLogger(VoucherStore.class);
    static final String SUFFIX = ".voucher";

    record Held(H256 channel, long cumulative, byte[] signature) {}

    private final Path dir;

    VoucherStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the voucher directory " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    void put(Held h) {
        AccessLedger.writeDurably(
                dir,
                file(h.channel()),
                (h.cumulative() + " " + Hex.toHex(h.signature()) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void remove(H256 channel) {
        try {
            Files.deleteIfExists(file(channel));
        } catch (IOException e) {
            LOG.warn("gateway.voucher_remove_failed channel={} cause={}", channel.toHex(), e.toString());
        }
    }

    /** Every stored voucher; a damaged file is named in the log and skipped (never silently). */
    List<Held> loadAll() {
        List<Held> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                try {
                    H256 id = H256.fromHex(name.substring(0, name.length() - SUFFIX.length()));
                    String[] parts = Files.readString(p, StandardCharsets.US_ASCII)
                            .trim()
                            .split(" ");
                    out.add(new Held(id, Long.parseLong(parts[0]), Hex.fromHex(parts[1], 64)));
                } catch (RuntimeException e) {
                    LOG.error("gateway.voucher_file_damaged file={} cause={}", p, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the voucher directory " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Path file(H256 channel) {
        return dir.resolve(channel.toHex().substring(2) + SUFFIX);
    }
}
