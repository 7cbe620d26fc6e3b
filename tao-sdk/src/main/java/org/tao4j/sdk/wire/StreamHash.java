package org.tao4j.sdk.wire;

import java.nio.charset.StandardCharsets;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;

/**
 * The running hash of a stream's chunks (docs/wire-protocol.md §6.2):
 * {@code h0 = 32 zero bytes}, {@code hi = BLAKE2b-256(h(i-1) || data_i)}, and the stream hash
 * {@code BLAKE2b-256(hn || ASCII(status))}, which binds how the stream ended to what it carried.
 * One instance per stream; not thread-safe.
 */
public final class StreamHash {
    private byte[] h = new byte[32];
    private long chunks;

    /** Folds in one chunk's data: the exact JSON bytes of its {@code data:} line. */
    public void add(byte[] data) {
        h = Blake2b.hash256(h, data);
        chunks++;
    }

    public long chunks() {
        return chunks;
    }

    /** The stream hash for an end frame with {@code status}, as {@code 0x}-hex. */
    public String finish(int status) {
        return Hex.toHex(Blake2b.hash256(h, Integer.toString(status).getBytes(StandardCharsets.US_ASCII)));
    }
}
