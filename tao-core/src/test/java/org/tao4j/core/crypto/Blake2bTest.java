package org.tao4j.core.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Blake2bTest {
    @Test
    void blake2b256OfEmptyInput() {
        assertThat(Hex.toHex(Blake2b.hash256()))
                .isEqualTo("0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
        assertThat(Blake2b.hash256(new byte[0])).isEqualTo(Blake2b.hash256());
    }

    @Test
    void blake2b512OfAbcMatchesRfc7693AppendixA() {
        assertThat(Hex.toHex(Blake2b.hash512("abc".getBytes(US_ASCII))))
                .isEqualTo("0x"
                        + "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    @Test
    void blake2b256And128OfAbcAndEmpty() {
        // reference values from an independent implementation (CPython hashlib.blake2b)
        assertThat(Hex.toHex(Blake2b.hash256("abc".getBytes(US_ASCII))))
                .isEqualTo("0xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
        assertThat(Hex.toHex(Blake2b.hash128())).isEqualTo("0xcae66941d9efbd404e4d88758ea67670");
    }

    @Test
    void outputSizes() {
        assertThat(Blake2b.hash128()).hasSize(16);
        assertThat(Blake2b.hash256()).hasSize(32);
        assertThat(Blake2b.hash512()).hasSize(64);
    }

    @Property
    void hashingPartsEqualsHashingTheirConcatenation(@ForAll byte[] data, @ForAll @IntRange(max = 1000) int cut) {
        int at = Math.min(cut, data.length);
        byte[] a = Arrays.copyOfRange(data, 0, at);
        byte[] b = Arrays.copyOfRange(data, at, data.length);
        assertThat(Blake2b.hash256(a, b)).isEqualTo(Blake2b.hash256(data));
        assertThat(Blake2b.hash512(a, b)).isEqualTo(Blake2b.hash512(data));
    }

    @Test
    void doesNotModifyInput() {
        byte[] in = {1, 2, 3};
        Blake2b.hash256(in);
        assertThat(in).containsExactly(1, 2, 3);
    }
}
