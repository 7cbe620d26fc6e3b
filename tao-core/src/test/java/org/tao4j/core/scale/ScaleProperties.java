package org.tao4j.core.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ScaleProperties {
    // ---- round trips --------------------------------------------------------------------------

    /** One value of some SCALE type: writes itself, then reads itself back and checks. */
    sealed interface Item {
        void write(ScaleWriter w);

        void readBack(ScaleReader r);
    }

    record U8(int v) implements Item {
        public void write(ScaleWriter w) {
            w.u8(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readU8()).isEqualTo(v);
        }
    }

    record Bool(boolean v) implements Item {
        public void write(ScaleWriter w) {
            w.bool(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readBool()).isEqualTo(v);
        }
    }

    record U16(int v) implements Item {
        public void write(ScaleWriter w) {
            w.u16(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readU16()).isEqualTo(v);
        }
    }

    record U32(long v) implements Item {
        public void write(ScaleWriter w) {
            w.u32(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readU32()).isEqualTo(v);
        }
    }

    record U64(long v) implements Item {
        public void write(ScaleWriter w) {
            w.u64(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readU64()).isEqualTo(v);
        }
    }

    record U128(BigInteger v) implements Item {
        public void write(ScaleWriter w) {
            w.u128(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readU128()).isEqualTo(v);
        }
    }

    record Compact(long v) implements Item {
        public void write(ScaleWriter w) {
            w.compact(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readCompact()).isEqualTo(v);
        }
    }

    record CompactBig(BigInteger v) implements Item {
        public void write(ScaleWriter w) {
            w.compact(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readCompactBig()).isEqualTo(v);
        }
    }

    record Bytes(byte[] v) implements Item {
        public void write(ScaleWriter w) {
            w.bytes(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readBytes()).isEqualTo(v);
        }
    }

    record Fixed(byte[] v) implements Item {
        public void write(ScaleWriter w) {
            w.fixedBytes(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readFixedBytes(v.length)).isEqualTo(v);
        }
    }

    record Text(String v) implements Item {
        public void write(ScaleWriter w) {
            w.string(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readString()).isEqualTo(v);
        }
    }

    record Opt(Optional<Long> v) implements Item {
        public void write(ScaleWriter w) {
            w.option(v, ScaleWriter::u64);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readOption(ScaleReader::readU64)).isEqualTo(v);
        }
    }

    record OptBool(Optional<Boolean> v) implements Item {
        public void write(ScaleWriter w) {
            w.optionBool(v);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readOptionBool()).isEqualTo(v);
        }
    }

    record Vec(List<Long> v) implements Item {
        public void write(ScaleWriter w) {
            w.vec(v, ScaleWriter::compact);
        }

        public void readBack(ScaleReader r) {
            assertThat(r.readVec(ScaleReader::readCompact)).isEqualTo(v);
        }
    }

    @Provide
    Arbitrary<List<Item>> items() {
        // random values plus the mode boundaries, where off-by-one bugs would live
        Arbitrary<BigInteger> u128 = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, ScaleWriter.TWO_128.subtract(BigInteger.ONE)),
                Arbitraries.of(
                        BigInteger.ONE.shiftLeft(64),
                        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                        ScaleWriter.TWO_128.subtract(BigInteger.ONE),
                        BigInteger.ONE.shiftLeft(120)));
        Arbitrary<Long> anyLong = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(0, 1L << 31),
                Arbitraries.of(63L, 64L, 16383L, 16384L, (1L << 30) - 1, 1L << 30, -1L, Long.MIN_VALUE));
        Arbitrary<Item> item = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 255).map(U8::new),
                Arbitraries.of(true, false).map(Bool::new),
                Arbitraries.integers().between(0, 65535).map(U16::new),
                Arbitraries.longs().between(0, 0xffff_ffffL).map(U32::new),
                anyLong.map(U64::new),
                u128.map(U128::new),
                anyLong.map(Compact::new),
                u128.map(CompactBig::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Bytes::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Fixed::new),
                Arbitraries.strings().ofMaxLength(40).map(Text::new),
                anyLong.optional().map(Opt::new),
                Arbitraries.of(Optional.<Boolean>empty(), Optional.of(true), Optional.of(false))
                        .map(OptBool::new),
                anyLong.list().ofMaxSize(20).map(Vec::new));
        return item.list().ofMaxSize(25);
    }

    @Property
    void writeThenReadRoundTrips(@ForAll("items") List<Item> items) {
        ScaleWriter w = new ScaleWriter();
        items.forEach(i -> i.write(w));
        ScaleReader r = new ScaleReader(w.toByteArray());
        items.forEach(i -> i.readBack(r));
        r.expectEnd();
    }

    @Property
    void compactEncodingIsMinimalAndOrderPreserving(@ForAll long a, @ForAll long b) {
        byte[] ea = ScaleWriter.encode(w -> w.compact(a));
        byte[] eb = ScaleWriter.encode(w -> w.compact(b));
        assertThat(ea).hasSize(expectedCompactLength(a));
        // a larger value never has a shorter encoding
        if (Long.compareUnsigned(a, b) <= 0) {
            assertThat(ea.length).isLessThanOrEqualTo(eb.length);
        }
    }

    private static int expectedCompactLength(long v) {
        if (Long.compareUnsigned(v, 1L << 6) < 0) return 1;
        if (Long.compareUnsigned(v, 1L << 14) < 0) return 2;
        if (Long.compareUnsigned(v, 1L << 30) < 0) return 4;
        return 1 + Math.max(4, (64 - Long.numberOfLeadingZeros(v) + 7) / 8);
    }

    // ---- fuzzing ------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> compactish() {
        // random lengths, with the first byte drawn so that every mode and big-mode width shows up
        // and the tail biased towards 0x00 and 0xff, where the canonicality boundaries are
        Arbitrary<Byte> tail = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) -1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0x3f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0x40)),
                net.jqwik.api.Tuple.of(4, Arbitraries.bytes()));
        return Combinators.combine(Arbitraries.bytes(), tail.list().ofMaxSize(20))
                .as((first, rest) -> {
                    byte[] out = new byte[1 + rest.size()];
                    out[0] = first;
                    for (int i = 0; i < rest.size(); i++) {
                        out[i + 1] = rest.get(i);
                    }
                    return out;
                });
    }

    @Property(tries = 5000)
    void anyDecodedCompactReEncodesToTheSameBytes(@ForAll("compactish") byte[] data) {
        // canonicality: if the reader accepts it, it is exactly what the writer would produce
        ScaleReader r = new ScaleReader(data);
        try {
            long v = r.readCompact();
            assertThat(ScaleWriter.encode(w -> w.compact(v))).isEqualTo(Arrays.copyOf(data, r.position()));
        } catch (ScaleException expected) {
            // rejected: fine
        }
        ScaleReader big = new ScaleReader(data);
        try {
            BigInteger v = big.readCompactBig();
            assertThat(ScaleWriter.encode(w -> w.compact(v))).isEqualTo(Arrays.copyOf(data, big.position()));
        } catch (ScaleException expected) {
            // rejected: fine
        }
    }

    @Property(tries = 3000)
    void randomBytesThrowNothingButScaleException(
            @ForAll @Size(max = 200) byte[] data,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 17) Integer> ops) {
        ScaleReader r = new ScaleReader(data);
        try {
            for (int op : ops) {
                apply(r, op);
            }
        } catch (ScaleException e) {
            assertThat(e.getMessage())
                    .startsWith("SCALE decode error at offset ")
                    .doesNotContain("\n");
            assertThat(e.offset()).isBetween(0, data.length);
        }
        // any other exception escapes and fails the property
    }

    private static void apply(ScaleReader r, int op) {
        switch (op) {
            case 0 -> r.readU8();
            case 1 -> r.readBool();
            case 2 -> r.readU16();
            case 3 -> r.readU32();
            case 4 -> r.readU64();
            case 5 -> r.readU128();
            case 6 -> r.readCompact();
            case 7 -> r.readCompactBig();
            case 8 -> r.readLength();
            case 9 -> r.readBytes();
            case 10 -> r.readFixedBytes(3);
            case 11 -> r.readString();
            case 12 -> r.readOption(ScaleReader::readU32);
            case 13 -> r.readOptionBool();
            case 14 -> r.readVec(ScaleReader::readCompactBig);
            case 15 -> r.readVec(x -> x.readOption(ScaleReader::readBytes));
            case 16 -> r.readVec(x -> x.readVec(ScaleReader::readBool));
            default -> r.expectEnd();
        }
    }
}
