package org.tao4j.client.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.H256;

class VoucherHeaderTest {
    final H256 ch = H256.blake2b256(new byte[] {7});
    final byte[] sig = new byte[64];

    @Test
    void roundTrips() {
        sig[3] = 9;
        VoucherHeader v = new VoucherHeader(ch, 12_345, sig);
        assertThat(VoucherHeader.parse(v.format())).isEqualTo(v);
        assertThat(v.format()).startsWith(ch.toHex() + ":12345:0x");
        // prefixes are optional
        String bare = v.format().replace("0x", "");
        assertThat(VoucherHeader.parse(bare)).isEqualTo(v);
    }

    @Test
    void malformedHeadersAreOneLineErrors() {
        String s = "0x" + "00".repeat(64);
        assertThatThrownBy(() -> VoucherHeader.parse(null)).hasMessageContaining("no X-Tao-Voucher");
        assertThatThrownBy(() -> VoucherHeader.parse("a:b")).hasMessageContaining("CHANNEL:CUMULATIVE_RAO:SIGNATURE");
        assertThatThrownBy(() -> VoucherHeader.parse("0x12:1:" + s)).hasMessageContaining("channel id");
        assertThatThrownBy(() -> VoucherHeader.parse(ch.toHex() + ":-1:" + s)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> VoucherHeader.parse(ch.toHex() + ":99999999999999999999:" + s))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> VoucherHeader.parse(ch.toHex() + ":1:0x1234")).hasMessageContaining("signature");
        assertThatThrownBy(() -> VoucherHeader.parse("x".repeat(1000))).hasMessageContaining("longer than");
    }
}
