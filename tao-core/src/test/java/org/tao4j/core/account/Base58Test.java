package org.tao4j.core.account;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Base58Test {
    @Test
    void knownVectors() {
        // Bitcoin's base58 test vectors (bitcoin/src/test/data/base58_encode_decode.json)
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(Base58.encode("hello world".getBytes(US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
        assertThat(Base58.encode(new byte[] {0, 0, 0, (byte) 0xff})).isEqualTo("1115Q");
        assertThat(Base58.encode(new byte[] {0x61})).isEqualTo("2g");
        assertThat(Base58.encode(new byte[] {0x62, 0x62, 0x62})).isEqualTo("a3gV");
        assertThat(Base58.decode("StV1DL6CwTryKyV")).isEqualTo("hello world".getBytes(US_ASCII));
        assertThat(Base58.decode("1115Q")).containsExactly(0, 0, 0, 0xff);
        assertThat(Base58.decode("")).isEmpty();
        assertThat(Base58.decode("111")).containsExactly(0, 0, 0);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", "/", " ", "é"}) {
            assertThatThrownBy(() -> Base58.decode("12" + bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad base58 character '" + (bad.equals("é") ? "\\u00e9" : bad) + "' at index 2");
        }
    }

    @Property
    void roundTrips(@ForAll @Size(max = 80) byte[] bytes) {
        assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
    }
}
