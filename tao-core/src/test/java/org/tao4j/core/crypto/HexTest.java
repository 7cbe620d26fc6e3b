package org.tao4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void formatsLowercaseWithPrefix() {
        assertThat(Hex.toHex(new byte[] {0x00, (byte) 0xab, 0x7f})).isEqualTo("0x00ab7f");
        assertThat(Hex.toHex(new byte[0])).isEqualTo("0x");
    }

    @Test
    void parsesWithOrWithoutPrefixInEitherCase() {
        assertThat(Hex.fromHex("0xABcd")).containsExactly(0xab, 0xcd);
        assertThat(Hex.fromHex("0XabCD")).containsExactly(0xab, 0xcd);
        assertThat(Hex.fromHex("abcd")).containsExactly(0xab, 0xcd);
        assertThat(Hex.fromHex("0x")).isEmpty();
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertThatThrownBy(() -> Hex.fromHex("0xabc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex string has an odd number of digits (3)");
        assertThatThrownBy(() -> Hex.fromHex("0xabzd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad hex digit 'z' at index 4");
        assertThatThrownBy(() -> Hex.fromHex("ab\ncd")).hasMessage("hex string has an odd number of digits (5)");
        assertThatThrownBy(() -> Hex.fromHex("a\n")).hasMessage("bad hex digit '\\u000a' at index 1");
        assertThatThrownBy(() -> Hex.fromHex(null)).hasMessage("hex string is null");
        assertThatThrownBy(() -> Hex.fromHex("0xabcd", 3)).hasMessage("expected 3 bytes of hex, got 2");
        // Character.digit accepts non-ASCII digits; HexFormat does not. We must reject them first.
        assertThatThrownBy(() -> Hex.fromHex("\u0661\u0662")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrips(@ForAll byte[] bytes) {
        assertThat(Hex.fromHex(Hex.toHex(bytes))).isEqualTo(bytes);
    }
}
