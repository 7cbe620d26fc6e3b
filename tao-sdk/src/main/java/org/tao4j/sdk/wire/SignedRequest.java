package org.tao4j.sdk.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tao4j.core.crypto.Ed25519;

/**
 * The signed header set of one request (docs/wire-protocol.md §2–3): what a dendrite sends and
 * what tests use to forge deliberately broken requests.
 *
 * @param caller SS58 of the caller's hotkey
 * @param axon SS58 of the target axon's hotkey
 * @param bodyHash {@code 0x}-hex BLAKE2b-256 of the exact body bytes
 * @param signature {@code 0x}-hex ed25519 signature of {@link #message()}
 */
public record SignedRequest(long nonce, String caller, String axon, String uuid, String bodyHash, String signature) {
    public SignedRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(axon, "axon");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(bodyHash, "bodyHash");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs a request to the axon {@code axonSs58} carrying {@code body}, from {@code caller}'s hotkey. */
    public static SignedRequest sign(
            Ed25519.KeyPair caller, String callerSs58, String axonSs58, long nonce, String uuid, byte[] body) {
        return sign(caller, callerSs58, axonSs58, nonce, uuid, WireProtocol.hashHex(body));
    }

    /** As above with the body hash already computed (a fan-out hashes its body once). */
    public static SignedRequest sign(
            Ed25519.KeyPair caller, String callerSs58, String axonSs58, long nonce, String uuid, String bodyHash) {
        byte[] msg = WireProtocol.signedMessage(nonce, callerSs58, axonSs58, uuid, bodyHash);
        return new SignedRequest(
                nonce, callerSs58, axonSs58, uuid, bodyHash, caller.sign(msg).toHex());
    }

    /** The signed string, ASCII {@code nonce.caller.axon.uuid.bodyhash}. */
    public byte[] message() {
        return WireProtocol.signedMessage(nonce, caller, axon, uuid, bodyHash);
    }

    /** The request headers, in the order the docs list them. */
    public Map<String, String> headers(long timeoutMillis) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(WireProtocol.VERSION_HEADER, WireProtocol.VERSION);
        h.put(WireProtocol.CALLER_HEADER, caller);
        h.put(WireProtocol.AXON_HEADER, axon);
        h.put(WireProtocol.NONCE_HEADER, Long.toString(nonce));
        h.put(WireProtocol.UUID_HEADER, uuid);
        h.put(WireProtocol.TIMEOUT_HEADER, Long.toString(timeoutMillis));
        h.put(WireProtocol.BODY_HASH_HEADER, bodyHash);
        h.put(WireProtocol.SIGNATURE_HEADER, signature);
        return h;
    }

    public SignedRequest withNonce(long n) {
        return new SignedRequest(n, caller, axon, uuid, bodyHash, signature);
    }

    public SignedRequest withSignature(String s) {
        return new SignedRequest(nonce, caller, axon, uuid, bodyHash, s);
    }
}
