package org.tao4j.sdk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;

/**
 * The example exchange of docs/wire-protocol.md §7, byte for byte. If this test changes, the
 * document changes with it: they are one specification.
 */
class WireProtocolTest {
    static final Ed25519.KeyPair MINER = Ed25519.KeyPair.fromSeed(filled(1));
    static final Ed25519.KeyPair VALIDATOR = Ed25519.KeyPair.fromSeed(filled(2));
    static final String MINER_SS58 = "5FCM8VvFKfKzQnmkT7X9kDY6xMcgeGYRK8tmSbfwpXyM1CvS";
    static final String VALIDATOR_SS58 = "5Ez973Q82FyaLNPfjnKEDnHF3jvshyx7qeJsvCmUCmjeR3GF";
    static final long NONCE = 1_790_000_000_000_000_000L;
    static final String UUID = "9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
    static final byte[] BODY = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    static final String BODY_HASH = "0x0e66afb10e035266a287c58abbd1e06bce49da30c3b4d594873516081e3e7dd6";
    static final String REQUEST_SIGNATURE = "0x127e203f21f95989fa5cef9327a0e3c5c6199aad6b2c37a6858d4a42948b1227"
            + "2b4fe1bf5883929b3920081dbe916a6ae89c9414cc6749d504bd09ff3d57180c";
    static final String RESPONSE_SIGNATURE = "0x7396dbf6e159d7d7acd81a5fa4e637b4e917c616538880cf59d29b75fe721392"
            + "573c822fd6e6f2398f840e597ea5ddd3ee141841e2782f5bc45e16ac84932a07";
    static final String STREAM_HASH = "0x58601c21782bf686cbc83ca131986b09e0d1822ed816417f988ed7d5a72b482c";
    static final String STREAM_SIGNATURE = "0xdced9ca271694d0017fc29ef3f66759c696fd9792cf8f786b36b3216f3d12e5c"
            + "635af4bc1e81383aa79ffd3e10517275a692ca02948a44d9ec4feb131e458904";

    static byte[] filled(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return s;
    }

    @Test
    void keysOfTheExample() {
        assertThat(AccountId.of(MINER.publicKey()).toSs58()).isEqualTo(MINER_SS58);
        assertThat(AccountId.of(VALIDATOR.publicKey()).toSs58()).isEqualTo(VALIDATOR_SS58);
    }

    @Test
    void requestSignatureOfTheExample() {
        SignedRequest r = SignedRequest.sign(VALIDATOR, VALIDATOR_SS58, MINER_SS58, NONCE, UUID, BODY);
        assertThat(r.bodyHash()).isEqualTo(BODY_HASH);
        assertThat(new String(r.message(), StandardCharsets.US_ASCII))
                .isEqualTo("1790000000000000000." + VALIDATOR_SS58 + "." + MINER_SS58 + "." + UUID + "." + BODY_HASH);
        assertThat(r.signature()).isEqualTo(REQUEST_SIGNATURE);
        assertThat(r.headers(12_000))
                .containsExactly(
                        java.util.Map.entry("tao-version", "1"),
                        java.util.Map.entry("tao-caller", VALIDATOR_SS58),
                        java.util.Map.entry("tao-axon", MINER_SS58),
                        java.util.Map.entry("tao-nonce", "1790000000000000000"),
                        java.util.Map.entry("tao-uuid", UUID),
                        java.util.Map.entry("tao-timeout-ms", "12000"),
                        java.util.Map.entry("tao-body-hash", BODY_HASH),
                        java.util.Map.entry("tao-signature", REQUEST_SIGNATURE));
    }

    @Test
    void responseSignatureOfTheExample() {
        String hash = WireProtocol.hashHex("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] msg = WireProtocol.signedMessage(NONCE, VALIDATOR_SS58, MINER_SS58, UUID, hash);
        assertThat(MINER.sign(msg).toHex()).isEqualTo(RESPONSE_SIGNATURE);
        assertThat(Ed25519.verify(MINER.publicKey().bytes(), msg, Hex.fromHex(RESPONSE_SIGNATURE)))
                .isTrue();
    }

    @Test
    void streamHashOfTheExample() {
        StreamHash h = new StreamHash();
        h.add("{\"index\":0,\"text\":\"Hel\"}".getBytes(StandardCharsets.UTF_8));
        h.add("{\"index\":1,\"text\":\"lo\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(h.chunks()).isEqualTo(2);
        assertThat(h.finish(200)).isEqualTo(STREAM_HASH);
        byte[] msg = WireProtocol.signedMessage(NONCE + 1, VALIDATOR_SS58, MINER_SS58, UUID, STREAM_HASH);
        assertThat(MINER.sign(msg).toHex()).isEqualTo(STREAM_SIGNATURE);
        assertThat(new String(
                        new SynapseCodec()
                                .write(new StreamEnd(200, 2, STREAM_HASH, STREAM_SIGNATURE, null, null, null)),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":200,\"chunks\":2,\"hash\":\"" + STREAM_HASH + "\",\"signature\":\""
                        + STREAM_SIGNATURE + "\"}");
    }

    @Test
    void theStreamHashBindsContentOrderAndEnding() {
        byte[] a = "{\"i\":0}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"i\":1}".getBytes(StandardCharsets.UTF_8);
        String ab = hashOf(200, a, b);
        assertThat(hashOf(200, b, a)).isNotEqualTo(ab);
        assertThat(hashOf(200, a)).isNotEqualTo(ab);
        assertThat(hashOf(500, a, b)).isNotEqualTo(ab);
        assertThat(hashOf(200, "{\"i\":0 }".getBytes(StandardCharsets.UTF_8), b))
                .isNotEqualTo(ab);
    }

    static String hashOf(int status, byte[]... chunks) {
        StreamHash h = new StreamHash();
        for (byte[] c : chunks) {
            h.add(c);
        }
        return h.finish(status);
    }

    @Test
    void everySignedFieldHasOneTextForm() {
        assertThat(WireProtocol.parseNonce("1790000000000000000")).isEqualTo(NONCE);
        for (String bad : new String[] {"01", "-1", "+1", "0", "1e9", " 1", "9223372036854775808", "", null}) {
            assertThatThrownBy(() -> WireProtocol.parseNonce(bad)).as(bad).isInstanceOf(WireFormatException.class);
        }
        assertThat(WireProtocol.parseUuid(UUID)).isEqualTo(UUID);
        for (String bad : new String[] {UUID.toUpperCase(), "{" + UUID + "}", UUID.replace("-", ""), "x"}) {
            assertThatThrownBy(() -> WireProtocol.parseUuid(bad)).as(bad).isInstanceOf(WireFormatException.class);
        }
        assertThat(WireProtocol.parseHash("h", BODY_HASH)).isEqualTo(BODY_HASH);
        for (String bad : new String[] {BODY_HASH.toUpperCase(), BODY_HASH.substring(2), BODY_HASH + "00"}) {
            assertThatThrownBy(() -> WireProtocol.parseHash("h", bad)).as(bad).isInstanceOf(WireFormatException.class);
        }
        assertThat(WireProtocol.parseSignature(REQUEST_SIGNATURE)).hasSize(64);
        assertThatThrownBy(() -> WireProtocol.parseSignature(REQUEST_SIGNATURE.substring(0, 128)))
                .isInstanceOf(WireFormatException.class);
        assertThat(WireProtocol.parseTimeoutMillis("12000")).isEqualTo(12_000);
        assertThatThrownBy(() -> WireProtocol.parseTimeoutMillis("0")).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> WireProtocol.parseTimeoutMillis("1.5")).isInstanceOf(WireFormatException.class);
    }
}
