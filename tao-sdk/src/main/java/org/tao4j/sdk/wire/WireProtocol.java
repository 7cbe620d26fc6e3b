package org.tao4j.sdk.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;

/**
 * The axon/dendrite wire protocol, version 1: header names, the exact strings that are signed,
 * and the canonical text forms of every signed field. docs/wire-protocol.md is the prose form of
 * this class; the two must agree byte for byte.
 *
 * <p>Every signed field has exactly one accepted text form, and the verifier rebuilds the
 * signed string from the parsed values rather than from the raw header text. So two different
 * header spellings can never carry the same signature.
 */
public final class WireProtocol {
    /** The protocol version both sides send in {@link #VERSION_HEADER}. */
    public static final String VERSION = "1";

    // request headers (docs/wire-protocol.md §2). HTTP/2 lowercases names; we define them lowercase.
    public static final String VERSION_HEADER = "tao-version";
    public static final String CALLER_HEADER = "tao-caller";
    public static final String AXON_HEADER = "tao-axon";
    public static final String NONCE_HEADER = "tao-nonce";
    public static final String UUID_HEADER = "tao-uuid";
    public static final String TIMEOUT_HEADER = "tao-timeout-ms";
    public static final String BODY_HASH_HEADER = "tao-body-hash";
    public static final String SIGNATURE_HEADER = "tao-signature";

    // response headers (§4); the response reuses tao-axon and tao-signature.
    public static final String RESPONSE_HASH_HEADER = "tao-response-hash";
    public static final String ERROR_ID_HEADER = "tao-error-id";

    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NONCE = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{128}");
    private static final Pattern TIMEOUT = Pattern.compile("[1-9][0-9]{0,9}");

    private WireProtocol() {}

    /** {@code 0x} + 64 lowercase hex digits of BLAKE2b-256 over exactly {@code bytes}. */
    public static String hashHex(byte[] bytes) {
        return Hex.toHex(Blake2b.hash256(bytes));
    }

    /**
     * The bytes a caller signs: ASCII {@code nonce.caller.axon.uuid.bodyhash} (§3.1).
     * The same shape, with the response hash in the last place, is what the axon signs (§4).
     */
    public static byte[] signedMessage(long nonce, String callerSs58, String axonSs58, String uuid, String hashHex) {
        return (Long.toString(nonce) + '.' + callerSs58 + '.' + axonSs58 + '.' + uuid + '.' + hashHex)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Nanoseconds since the Unix epoch, the unit of {@code tao-nonce}. */
    public static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    // ---- canonical-form parsers: each throws WireFormatException naming the header ----

    public static long parseNonce(String text) {
        if (text == null || !NONCE.matcher(text).matches()) {
            throw new WireFormatException(NONCE_HEADER, "must be a positive decimal integer without leading zeros");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WireFormatException(NONCE_HEADER, "does not fit in a signed 64-bit integer");
        }
    }

    public static String parseUuid(String text) {
        if (text == null || !UUID.matcher(text).matches()) {
            throw new WireFormatException(UUID_HEADER, "must be a lowercase 8-4-4-4-12 hex uuid");
        }
        return text;
    }

    public static long parseTimeoutMillis(String text) {
        if (text == null || !TIMEOUT.matcher(text).matches()) {
            throw new WireFormatException(TIMEOUT_HEADER, "must be a positive decimal number of milliseconds");
        }
        return Long.parseLong(text);
    }

    public static String parseHash(String header, String text) {
        if (text == null || !HASH.matcher(text).matches()) {
            throw new WireFormatException(header, "must be 0x and 64 lowercase hex digits");
        }
        return text;
    }

    public static byte[] parseSignature(String text) {
        if (text == null || !SIGNATURE.matcher(text).matches()) {
            throw new WireFormatException(SIGNATURE_HEADER, "must be 0x and 128 lowercase hex digits");
        }
        return Hex.fromHex(text);
    }
}
