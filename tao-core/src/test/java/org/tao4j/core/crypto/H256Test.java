package org.tao4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class H256Test {
    private static final String EMPTY_HASH = "0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8";

    @Test
    void zeroIsAllZeroBytes() {
        assertThat(H256.ZERO.bytes()).hasSize(32).containsOnly(0);
        assertThat(H256.ZERO.toHex()).isEqualTo("0x" + "00".repeat(32));
    }

    @Test
    void parsesAndFormatsHex() {
        H256 h = H256.fromHex(EMPTY_HASH);
        assertThat(h.toHex()).isEqualTo(EMPTY_HASH);
        assertThat(h.toString()).isEqualTo(EMPTY_HASH);
        assertThat(H256.fromHex(EMPTY_HASH.substring(2).toUpperCase())).isEqualTo(h);
        assertThat(H256.blake2b256()).isEqualTo(h);
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> new H256(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("H256 needs 32 bytes, got 31");
        assertThatThrownBy(() -> new H256(null)).hasMessage("H256 needs 32 bytes, got null");
        assertThatThrownBy(() -> H256.fromHex("0x00")).hasMessage("expected 32 bytes of hex, got 1");
    }

    @Test
    void isImmutable() {
        byte[] raw = new byte[32];
        H256 h = new H256(raw);
        raw[0] = 1;
        h.bytes()[1] = 1;
        assertThat(h).isEqualTo(H256.ZERO);
    }

    @Test
    void equalityAndOrderAreByContent() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[0] = (byte) 0x80; // must sort after 0x00..: unsigned comparison
        assertThat(new H256(a)).isEqualTo(new H256(a.clone())).hasSameHashCodeAs(new H256(a.clone()));
        assertThat(new H256(a)).isLessThan(new H256(b)).isNotEqualTo(new H256(b));
    }

    @Property
    void hexRoundTrips(@ForAll @Size(32) byte[] bytes) {
        H256 h = new H256(bytes);
        assertThat(H256.fromHex(h.toHex())).isEqualTo(h);
    }
}
