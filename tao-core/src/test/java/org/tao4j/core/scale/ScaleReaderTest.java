package org.tao4j.core.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tao4j.core.crypto.Hex;

class ScaleReaderTest {
    private static ScaleReader reader(String hex) {
        return new ScaleReader(Hex.fromHex(hex));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(ScaleException.class);
    }

    @Test
    void readsWhatTheWriterWrote() {
        byte[] data = ScaleWriter.encode(w -> w.u8(255)
                .bool(true)
                .u16(65535)
                .u32(4294967295L)
                .u64(-2L)
                .u128(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))
                .bytes(new byte[] {9, 8})
                .fixedBytes(new byte[] {7})
                .string("tao ⛓")
                .option(Optional.of("x"), ScaleWriter::string)
                .option(Optional.empty(), ScaleWriter::string)
                .optionBool(Optional.of(false))
                .vec(List.of(1L, 1L << 40), ScaleWriter::compact));
        ScaleReader r = new ScaleReader(data);
        assertThat(r.readU8()).isEqualTo(255);
        assertThat(r.readBool()).isTrue();
        assertThat(r.readU16()).isEqualTo(65535);
        assertThat(r.readU32()).isEqualTo(4294967295L);
        assertThat(r.readU64()).isEqualTo(-2L);
        assertThat(r.readU128()).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        assertThat(r.readBytes()).containsExactly(9, 8);
        assertThat(r.readFixedBytes(1)).containsExactly(7);
        assertThat(r.readString()).isEqualTo("tao ⛓");
        assertThat(r.readOption(ScaleReader::readString)).contains("x");
        assertThat(r.readOption(ScaleReader::readString)).isEmpty();
        assertThat(r.readOptionBool()).contains(false);
        assertThat(r.readVec(ScaleReader::readCompact)).containsExactly(1L, 1L << 40);
        assertThat(r.remaining()).isZero();
        assertThat(r.position()).isEqualTo(data.length);
        r.expectEnd();
    }

    @Test
    void truncatedInputNamesTheOffset() {
        ScaleReader r = reader("0x0102");
        r.readU8();
        assertFails(r::readU32)
                .hasMessage("SCALE decode error at offset 1: truncated input: u32 needs 4 bytes, 1 remain")
                .extracting(e -> ((ScaleException) e).offset())
                .isEqualTo(1);
        assertFails(() -> reader("0x").readU8())
                .hasMessage("SCALE decode error at offset 0: truncated input: u8 needs 1 bytes, 0 remain");
        assertFails(() -> reader("0x01").readU16()).hasMessageContaining("u16 needs 2 bytes");
        assertFails(() -> reader("0x01020304050607").readU64()).hasMessageContaining("u64 needs 8 bytes, 7 remain");
        assertFails(() -> reader("0x00").readU128()).hasMessageContaining("u128 needs 16 bytes");
        assertFails(() -> reader("0x01").readCompact())
                .hasMessage(
                        "SCALE decode error at offset 0: truncated input: two-byte compact needs 2 bytes, 1 remain");
        assertFails(() -> reader("0x020000").readCompact())
                .hasMessageContaining("four-byte compact needs 4 bytes, 3 remain");
        assertFails(() -> reader("0x03000000").readCompact())
                .hasMessage(
                        "SCALE decode error at offset 0: truncated input: 4-byte big-integer compact needs 5 bytes, 4 remain");
        assertFails(() -> reader("0x0102").readFixedBytes(3))
                .hasMessageContaining("3 fixed bytes needs 3 bytes, 2 remain");
        assertFails(() -> reader("0x01").readOption(ScaleReader::readU8)).hasMessageContaining("offset 1: truncated");
    }

    @ParameterizedTest
    @CsvSource({
        "0x0100, 0 in two-byte mode",
        "0xfd00, 63 in two-byte mode",
        "0x02000000, 0 in four-byte mode",
        "0xfeff0000, 16383 in four-byte mode",
        "0x0300000000, 0 in 4-byte big-integer mode",
        "0x03ffffff3f, 1073741823 in 4-byte big-integer mode",
        "0x07ffffffff00, 4294967295 in 5-byte big-integer mode",
        "0x130000000000000000, 0 in 8-byte big-integer mode",
        "0x13ffffffffffffff00, 72057594037927935 in 8-byte big-integer mode",
    })
    void rejectsNonCanonicalCompacts(String hex, String detail) {
        assertFails(() -> reader(hex).readCompact())
                .hasMessage("SCALE decode error at offset 0: non-canonical compact: " + detail);
        assertFails(() -> reader(hex).readCompactBig())
                .hasMessage("SCALE decode error at offset 0: non-canonical compact: " + detail);
    }

    @Test
    void rejectsCompactsTooWideForTheType() {
        assertFails(() -> reader("0x17" + "ff".repeat(9)).readCompact())
                .hasMessage("SCALE decode error at offset 0: compact value of 9 bytes does not fit 64 bits");
        assertThat(reader("0x17" + "ff".repeat(9)).readCompactBig())
                .isEqualTo(BigInteger.ONE.shiftLeft(72).subtract(BigInteger.ONE));
        assertFails(() -> reader("0x37" + "ff".repeat(17)).readCompactBig())
                .hasMessage("SCALE decode error at offset 0: compact value of 17 bytes does not fit 128 bits");
        assertFails(() -> reader("0xff" + "ff".repeat(67)).readCompactBig())
                .hasMessageContaining("67 bytes does not fit 128 bits");
        assertFails(() -> reader("0x17" + "00".repeat(8) + "00").readCompactBig())
                .hasMessageContaining("non-canonical compact: 0 in 9-byte big-integer mode");
    }

    @Test
    void rejectsLengthsBeyondTheInput() {
        assertFails(() -> reader("0x0c0102").readBytes())
                .hasMessage("SCALE decode error at offset 0: length 3 exceeds the 2 remaining bytes");
        assertFails(() -> reader("0x13ffffffffffffffff").readBytes())
                .hasMessage(
                        "SCALE decode error at offset 0: length 18446744073709551615 exceeds the 0 remaining bytes");
        // a count of a billion elements in a 5-byte message must not allocate a billion slots
        assertFails(() -> reader("0x02286bee").readVec(ScaleReader::readU8))
                .hasMessageContaining("length 1000000000 exceeds the 0 remaining bytes");
        assertFails(() -> reader("0x08cf").readString()).hasMessageContaining("length 2 exceeds the 1 remaining bytes");
        assertThat(reader("0x0400").readBytes()).containsExactly(0);
    }

    @Test
    void rejectsBadTags() {
        assertFails(() -> reader("0x02").readBool())
                .hasMessage("SCALE decode error at offset 0: bad bool byte 0x02 (must be 0 or 1)");
        assertFails(() -> reader("0x02").readOption(ScaleReader::readU8))
                .hasMessage("SCALE decode error at offset 0: bad option tag 0x02 (must be 0 or 1)");
        assertFails(() -> reader("0x03").readOptionBool())
                .hasMessage("SCALE decode error at offset 0: bad Option<bool> byte 0x03 (must be 0, 1 or 2)");
        assertThat(reader("0x02").readOptionBool()).contains(false);
        assertThat(reader("0x01").readOptionBool()).contains(true);
        assertThat(reader("0x00").readOptionBool()).isEmpty();
        assertFails(() -> reader("0x0cffffff").readString())
                .hasMessage("SCALE decode error at offset 0: string is not valid UTF-8");
    }

    @Test
    void expectEndRejectsTrailingBytes() {
        ScaleReader r = reader("0x010203");
        r.readU8();
        assertFails(r::expectEnd)
                .hasMessage("SCALE decode error at offset 1: 2 trailing bytes after the end of the value");
        reader("0x").expectEnd();
    }

    @Test
    void copiesItsInput() {
        byte[] data = {5};
        ScaleReader r = new ScaleReader(data);
        data[0] = 6;
        assertThat(r.readU8()).isEqualTo(5);
    }

    @Test
    void everyTwoByteInputDecodesCanonicallyOrIsRejected() {
        // exhaustive over every 1- and 2-byte input: a decoded compact re-encodes to the same bytes
        for (int i = 0; i < 1 << 16; i++) {
            byte[] in = {(byte) i, (byte) (i >>> 8)};
            ScaleReader r = new ScaleReader(in);
            try {
                long v = r.readCompact();
                byte[] consumed = java.util.Arrays.copyOf(in, r.position());
                assertThat(ScaleWriter.encode(w -> w.compact(v))).isEqualTo(consumed);
            } catch (ScaleException e) {
                // only the two-byte mode below 64 and the longer modes (truncated) may fail here
                assertThat(i & 0b11).isNotZero();
            }
        }
    }
}
