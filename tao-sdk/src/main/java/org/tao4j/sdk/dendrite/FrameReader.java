package org.tao4j.sdk.dendrite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the stream framing of docs/wire-protocol.md §6.1 byte-exactly: {@code event: NAME\n},
 * {@code data: JSON\n}, then an empty line. Keeps the data bytes as received, since the stream
 * hash is over them. Any deviation is a malformed stream.
 */
final class FrameReader {
    record Frame(String event, byte[] data) {}

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;

    FrameReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next frame, or null at a clean end of input between frames. */
    Frame next() throws IOException {
        byte[] event = line();
        if (event == null) {
            return null;
        }
        byte[] data = line();
        byte[] blank = line();
        if (!startsWith(event, EVENT)
                || data == null
                || !startsWith(data, DATA)
                || blank == null
                || blank.length != 0) {
            throw new IOException("malformed stream frame");
        }
        return new Frame(
                new String(event, EVENT.length, event.length - EVENT.length, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(data, DATA.length, data.length));
    }

    // one line without its '\n'; null at end of input before any byte of it
    private byte[] line() throws IOException {
        byte[] out = new byte[128];
        int n = 0;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf);
                pos = 0;
                if (lim < 0) {
                    lim = 0;
                    if (n == 0) {
                        return null;
                    }
                    throw new IOException("stream ended inside a frame");
                }
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return Arrays.copyOf(out, n);
            }
            if (n == maxLine) {
                throw new IOException("stream frame line exceeds " + maxLine + " bytes");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(out.length * 2, maxLine));
            }
            out[n++] = b;
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
