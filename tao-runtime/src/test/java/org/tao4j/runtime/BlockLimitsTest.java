package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.subnets.Subnets;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

class BlockLimitsTest {

    private static final long MAX_U64_COMPACT = Long.MAX_VALUE; // a 9-byte compact, the widest a nonce or tip takes

    private static int[] uids(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void theLargestLegitimateTransactionsFitWithRoomToSpare() {
        int n = Subnets.MAX_UIDS;
        Extrinsic setWeights = Extrinsic.sign(
                TestChain.key("alice"),
                MAX_U64_COMPACT,
                MAX_U64_COMPACT,
                -1L,
                new Call.SetWeights(1, uids(n), uids(n), 0),
                TestChain.GENESIS_HASH);
        Extrinsic reveal = Extrinsic.sign(
                TestChain.key("alice"),
                MAX_U64_COMPACT,
                MAX_U64_COMPACT,
                -1L,
                new Call.Sudo(new Call.RevealWeights(1, uids(n), uids(n), new byte[16], 0)),
                TestChain.GENESIS_HASH);
        Extrinsic root = Extrinsic.sign(
                TestChain.key("alice"),
                MAX_U64_COMPACT,
                MAX_U64_COMPACT,
                -1L,
                new Call.SetRootWeights(uids(n), uids(n)),
                TestChain.GENESIS_HASH);
        // the derivation in BlockLimits' documentation and docs/spec/chain.md §2
        assertThat(setWeights.encodedLength()).isEqualTo(16_522);
        assertThat(reveal.encodedLength()).isEqualTo(16_541);
        assertThat(root.encodedLength()).isEqualTo(16_512);
        assertThat(reveal.encodedLength()).isLessThan(BlockLimits.MAX_EXTRINSIC_BYTES / 2 + 512); // ~1.98x headroom
        assertThat(Extrinsic.decode(reveal.encode())).isEqualTo(reveal);
    }

    @Test
    void anOversizeTransactionIsInvalidAndDoesNotDecode() {
        TestChain c = new TestChain("alice", "bob");
        int n = 8_200; // 4 bytes a weight: over 32 KiB
        Extrinsic big = c.tx("alice", new Call.SetWeights(1, uids(n), uids(n), 0));
        assertThat(big.encodedLength()).isGreaterThan(BlockLimits.MAX_EXTRINSIC_BYTES);
        Validity v = new Runtime(TestChain.GENESIS_HASH).validate(c.state(), big, 1);
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        assertThat(((Validity.Invalid) v).kind()).isEqualTo(Validity.Kind.TOO_LARGE);
        assertThat(((Validity.Invalid) v).reason()).contains("at most 32768");
        assertThatThrownBy(() -> Extrinsic.decode(big.encode()))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("more than the 32768");
        assertThat(c.block(big).get(0)).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(c.free("alice")).isEqualTo(1_000_000 * TAO);
    }

    @Test
    void aFutureTransactionMustBeAbleToPayItsFee() {
        TestChain c = new TestChain("alice", "bob");
        Runtime rt = new Runtime(TestChain.GENESIS_HASH);
        Extrinsic unfunded = Extrinsic.sign(
                TestChain.key("nobody"), 7, 0, -1L, new Call.Transfer(id("bob"), TAO), TestChain.GENESIS_HASH);
        Validity v = rt.validate(c.state(), unfunded, 1);
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        assertThat(((Validity.Invalid) v).kind()).isEqualTo(Validity.Kind.CANNOT_PAY_FEE);
        assertThat(((Validity.Invalid) v).reason()).contains("does not exist");
        Extrinsic funded = Extrinsic.sign(
                TestChain.key("alice"), 7, 0, -1L, new Call.Transfer(id("bob"), TAO), TestChain.GENESIS_HASH);
        assertThat(rt.validate(c.state(), funded, 1)).isEqualTo(new Validity.Future(0, 7));
    }

    @Test
    void compactLengthMatchesTheEncoder() {
        for (long v :
                new long[] {0, 63, 64, 16_383, 16_384, (1L << 30) - 1, 1L << 30, 1L << 32, 1L << 40, Long.MAX_VALUE}) {
            assertThat(BlockLimits.compactLength(v))
                    .as("compact(%d)", v)
                    .isEqualTo(new ScaleWriter().compact(v).toByteArray().length);
        }
    }
}
