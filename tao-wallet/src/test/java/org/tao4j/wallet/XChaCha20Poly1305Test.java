package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class XChaCha20Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void hChaCha20MatchesTheDraftVector() {
        // draft-irtf-cfrg-xchacha-03 section 2.2.1
        byte[] subkey = XChaCha20Poly1305.hChaCha20(range(0, 32), HEX.parseHex("000000090000004a0000000031415927"));
        assertThat(HEX.formatHex(subkey)).isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
    }

    @Test
    void aeadMatchesTheDraftVector() throws Exception {
        // draft-irtf-cfrg-xchacha-03 appendix A.3.1
        byte[] key = range(0x80, 32);
        byte[] nonce = range(0x40, 24);
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plaintext =
                ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                                + " sunscreen would be it.")
                        .getBytes(StandardCharsets.US_ASCII);
        String expected = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
                + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
                + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
                + "21f9664c97637da9768812f615c68b13b52e"
                + "c0875924c1c7987947deafd8780acf49";
        byte[] sealed = XChaCha20Poly1305.seal(key, nonce, aad, plaintext);
        assertThat(HEX.formatHex(sealed)).isEqualTo(expected);
        assertThat(XChaCha20Poly1305.open(key, nonce, aad, sealed)).isEqualTo(plaintext);
    }

    @Test
    void anyChangeFailsTheTag() {
        byte[] key = range(1, 32);
        byte[] nonce = range(2, 24);
        byte[] aad = range(3, 10);
        byte[] sealed = XChaCha20Poly1305.seal(key, nonce, aad, range(4, 50));
        byte[] flipped = sealed.clone();
        flipped[5] ^= 1;
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, nonce, aad, flipped))
                .isInstanceOf(InvalidCipherTextException.class);
        byte[] otherAad = aad.clone();
        otherAad[0] ^= 1;
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, nonce, otherAad, sealed))
                .isInstanceOf(InvalidCipherTextException.class);
        byte[] otherNonce = nonce.clone();
        otherNonce[20] ^= 1; // in the part that goes to ChaCha20 directly, not through HChaCha20
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, otherNonce, aad, sealed))
                .isInstanceOf(InvalidCipherTextException.class);
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, nonce, aad, new byte[5]))
                .isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void bouncyCastleArgon2idMatchesRfc9106() {
        // RFC 9106 section 5.3: checks BC's Argon2id and v1.3 constants are what we think they are
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(filled(16, 0x02))
                .withSecret(filled(8, 0x03))
                .withAdditional(filled(12, 0x04))
                .withMemoryAsKB(32)
                .withIterations(3)
                .withParallelism(4)
                .build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] tag = new byte[32];
        g.generateBytes(filled(32, 0x01), tag);
        assertThat(HEX.formatHex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void keyfileArgon2idIsPinned() {
        // cross-checked with Python cryptography 48's Argon2id (same inputs, UTF-8 password)
        byte[] key =
                Keyfile.argon2id("correct horse battery staple".toCharArray(), range(0, 16), new KdfParams(1024, 2, 1));
        assertThat(HEX.formatHex(key)).isEqualTo(ARGON2_GOLDEN);
        // non-ASCII passwords are their UTF-8 bytes
        byte[] unicode = Keyfile.argon2id("pässwörd ✓".toCharArray(), range(0, 16), new KdfParams(64, 1, 1));
        assertThat(HEX.formatHex(unicode)).isEqualTo(ARGON2_UNICODE_GOLDEN);
    }

    static final String ARGON2_GOLDEN = "58782fc96f06a6d7fcec4728099f6a788ee98a04f4cd8fa0a27af6db8b7a46b8";
    static final String ARGON2_UNICODE_GOLDEN = "7157a3d1e8d51f35d7dc866bfe8936be286fcc6a980e663a4ab02f136f469306";

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }
}
