package org.tao4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tao4j.core.crypto.Ed25519.KeyPair;
import org.tao4j.core.crypto.Ed25519.PublicKey;
import org.tao4j.core.crypto.Ed25519.Signature;

class Ed25519Test {
    /** RFC 8032 section 7.1, TEST 1 to TEST 3: seed, public key, message, signature. */
    static Stream<Arguments> rfc8032() {
        return Stream.of(
                Arguments.of(
                        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                        "",
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                Arguments.of(
                        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                        "72",
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
                Arguments.of(
                        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                        "af82",
                        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void matchesRfc8032Vectors(String seed, String pub, String msg, String sig) {
        KeyPair kp = KeyPair.fromSeed(Hex.fromHex(seed));
        byte[] message = Hex.fromHex(msg);
        assertThat(kp.publicKey()).isEqualTo(PublicKey.fromHex(pub));
        assertThat(kp.publicKey().toHex()).isEqualTo("0x" + pub);
        Signature signature = kp.sign(message);
        assertThat(signature).isEqualTo(Signature.fromHex(sig));
        assertThat(Ed25519.verify(kp.publicKey(), message, signature)).isTrue();
        assertThat(Ed25519.verify(Hex.fromHex(pub), message, Hex.fromHex(sig))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void rejectsTamperedMessageSignatureOrKey(String seed, String pub, String msg, String sig) {
        byte[] message = Hex.fromHex(msg);
        byte[] pk = Hex.fromHex(pub);
        byte[] s = Hex.fromHex(sig);
        for (int bit = 0; bit < 8 * s.length; bit += 7) {
            byte[] bad = s.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519.verify(pk, message, bad))
                    .as("signature bit %d flipped", bit)
                    .isFalse();
        }
        byte[] otherKey = pk.clone();
        otherKey[0] ^= 1;
        assertThat(Ed25519.verify(otherKey, message, s)).isFalse();
        byte[] longer = new byte[message.length + 1];
        System.arraycopy(message, 0, longer, 0, message.length);
        assertThat(Ed25519.verify(pk, longer, s)).isFalse();
    }

    @Test
    void verifyNeverThrowsOnBadLengthsOrNulls() {
        KeyPair kp = KeyPair.fromSeed(new byte[32]);
        byte[] msg = {1, 2, 3};
        byte[] sig = kp.sign(msg).bytes();
        byte[] pub = kp.publicKey().bytes();
        assertThat(Ed25519.verify(pub, msg, sig)).isTrue();
        assertThat(Ed25519.verify(new byte[31], msg, sig)).isFalse();
        assertThat(Ed25519.verify(new byte[33], msg, sig)).isFalse();
        assertThat(Ed25519.verify(pub, msg, new byte[63])).isFalse();
        assertThat(Ed25519.verify(pub, msg, new byte[65])).isFalse();
        assertThat(Ed25519.verify(pub, msg, new byte[0])).isFalse();
        assertThat(Ed25519.verify((byte[]) null, msg, sig)).isFalse();
        assertThat(Ed25519.verify(pub, null, sig)).isFalse();
        assertThat(Ed25519.verify(pub, msg, (byte[]) null)).isFalse();
        assertThat(Ed25519.verify((PublicKey) null, msg, kp.sign(msg))).isFalse();
        assertThat(Ed25519.verify(kp.publicKey(), msg, (Signature) null)).isFalse();
    }

    @Test
    void rejectsNonCanonicalS() {
        // S + L encodes the same scalar, but RFC 8032 requires S < L; accepting it is malleability
        KeyPair kp = KeyPair.fromSeed(new byte[32]);
        byte[] msg = "tao".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] sig = kp.sign(msg).bytes();
        byte[] l = Hex.fromHex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"); // LE
        int carry = 0;
        for (int i = 0; i < 32; i++) {
            int sum = (sig[32 + i] & 0xff) + (l[i] & 0xff) + carry;
            sig[32 + i] = (byte) sum;
            carry = sum >>> 8;
        }
        assertThat(carry).isZero();
        assertThat(Ed25519.verify(kp.publicKey().bytes(), msg, sig)).isFalse();
    }

    @Test
    void garbageKeysAndSignaturesAreRejectedNotThrown() {
        byte[] msg = {42};
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        byte[] sig = new byte[64];
        java.util.Arrays.fill(sig, (byte) 0xff);
        assertThat(Ed25519.verify(ff, msg, sig)).isFalse();
        assertThat(Ed25519.verify(new byte[32], msg, new byte[64])).isFalse();
    }

    @Test
    void recordsValidateLengthsAndCopy() {
        assertThatThrownBy(() -> new PublicKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ed25519 public key must be 32 bytes, got 31");
        assertThatThrownBy(() -> new Signature(new byte[65]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ed25519 signature must be 64 bytes, got 65");
        assertThatThrownBy(() -> KeyPair.fromSeed(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ed25519 seed must be 32 bytes, got 16");
        assertThatThrownBy(() -> new PublicKey(null)).hasMessage("Ed25519 public key is null");

        byte[] raw = new byte[32];
        PublicKey pk = new PublicKey(raw);
        raw[0] = 9;
        pk.bytes()[1] = 9;
        assertThat(pk).isEqualTo(new PublicKey(new byte[32])).hasSameHashCodeAs(new PublicKey(new byte[32]));

        byte[] seed = new byte[32];
        KeyPair kp = KeyPair.fromSeed(seed);
        seed[0] = 1;
        kp.seed()[1] = 1;
        assertThat(kp.seed()).isEqualTo(new byte[32]);
        assertThat(kp.publicKey()).isEqualTo(KeyPair.fromSeed(new byte[32]).publicKey());
    }

    @Test
    void keyPairToStringDoesNotLeakTheSeed() {
        byte[] seed = Hex.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        String s = KeyPair.fromSeed(seed).toString();
        assertThat(s).doesNotContain("9d61b19d").contains("d75a9801").contains("redacted");
    }

    @Test
    void generatedKeysSignAndVerify() {
        KeyPair kp = KeyPair.generate(new SecureRandom());
        byte[] msg = new byte[100];
        assertThat(Ed25519.verify(kp.publicKey(), msg, kp.sign(msg))).isTrue();
    }

    @Property(tries = 50)
    void signThenVerifyAndWrongKeyFails(
            @ForAll @Size(32) byte[] seed,
            @ForAll @Size(max = 300) byte[] msg,
            @ForAll @IntRange(min = 0, max = 31) int flip) {
        KeyPair kp = KeyPair.fromSeed(seed);
        Signature sig = kp.sign(msg);
        assertThat(kp.sign(msg)).as("deterministic").isEqualTo(sig);
        assertThat(Ed25519.verify(kp.publicKey(), msg, sig)).isTrue();
        byte[] otherSeed = seed.clone();
        otherSeed[flip] ^= 1;
        assertThat(Ed25519.verify(KeyPair.fromSeed(otherSeed).publicKey(), msg, sig))
                .isFalse();
    }
}
