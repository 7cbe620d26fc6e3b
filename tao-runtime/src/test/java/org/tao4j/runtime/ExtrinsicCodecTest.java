package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.TestChain.id;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/** The transaction wire format: round trips, and malformed bytes rejected before dispatch. */
class ExtrinsicCodecTest {

    static final List<Call> EVERY_CALL = List.of(
            new Call.Transfer(id("b"), 5),
            new Call.TransferAll(id("b")),
            new Call.RegisterNetwork(id("h")),
            new Call.SetHyperparameter(3, Hyperparameter.KAPPA, 100),
            new Call.BurnedRegister(2, id("h")),
            new Call.ServeAxon(1, new byte[] {1, 2, 3, 4}, 8091, 4, 0, 7),
            new Call.ServeAxon(1, new byte[16], 8091, 6, 0, 7),
            new Call.SetWeights(1, new int[] {0, 5}, new int[] {65535, 1}, 9),
            new Call.CommitWeights(1, new byte[32]),
            new Call.RevealWeights(1, new int[] {2}, new int[] {3}, new byte[] {9, 9}, 4),
            new Call.AddStake(id("h"), 1_000_000_000),
            new Call.RemoveStake(id("h"), 2),
            new Call.DecreaseTake(id("h"), 100),
            new Call.IncreaseTake(id("h"), 180_000),
            new Call.MoveStake(id("h"), id("g"), 5_000_000),
            new Call.TransferStake(id("c"), id("h"), 5_000_000),
            new Call.UnstakeAll(id("h")),
            new Call.UnstakeAll(null),
            new Call.SetChildren(
                    id("h"), 3, java.util.List.of(new Call.Child(-1L, id("g")), new Call.Child(7, id("c")))),
            new Call.SetChildkeyTake(id("h"), 3, 90_000),
            new Call.RootRegister(id("h")),
            new Call.SetRootWeights(new int[] {0, 1}, new int[] {1, 2}),
            new Call.Propose(new Call.SetGlobalParameter(GlobalParameter.SUBNET_LIMIT, 40)),
            new Call.Vote(3, true),
            new Call.Sudo(new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 99)),
            new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 1),
            new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 8));

    @Test
    void everyCallRoundTripsThroughASignedExtrinsic() {
        for (Call call : EVERY_CALL) {
            Extrinsic x = Extrinsic.sign(TestChain.key("a"), 7, 11, 1000, call, TestChain.GENESIS_HASH);
            Extrinsic back = Extrinsic.decode(x.encode());
            assertThat(back.call()).as(call.toString()).isEqualTo(call);
            assertThat(back.nonce()).isEqualTo(7);
            assertThat(back.tip()).isEqualTo(11);
            assertThat(back.era()).isEqualTo(1000);
            assertThat(back.verify(TestChain.GENESIS_HASH)).isTrue();
            assertThat(back).isEqualTo(x);
        }
    }

    @Test
    void childrenListsAndOptionalHotkeysAreBoundedWhenDecoded() {
        java.util.List<Call.Child> many = new java.util.ArrayList<>();
        for (int i = 0; i < 17; i++) {
            many.add(new Call.Child(1, id("c" + i)));
        }
        byte[] tooMany = org.tao4j.runtime.tx.CallCodec.encode(new Call.SetChildren(id("h"), 1, many));
        assertThatThrownBy(() -> org.tao4j.runtime.tx.CallCodec.read(new org.tao4j.core.scale.ScaleReader(tooMany)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("at most 16 children, got 17");
        byte[] badTag = {5, 6, 2};
        assertThatThrownBy(() -> org.tao4j.runtime.tx.CallCodec.read(new org.tao4j.core.scale.ScaleReader(badTag)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("starts with 0 or 1, got 2");
        byte[] bigTake = org.tao4j.runtime.tx.CallCodec.encode(new Call.SetChildkeyTake(id("h"), 1, 1_000_000));
        bigTake[bigTake.length - 1] = 0x7F; // u32 LE: far above 10^6 ppm
        assertThatThrownBy(() -> org.tao4j.runtime.tx.CallCodec.read(new org.tao4j.core.scale.ScaleReader(bigTake)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("parts per million");
    }

    @Test
    void malformedInputIsAScaleErrorWithAReason() {
        byte[] good = Extrinsic.sign(TestChain.key("a"), 0, 0, 9, EVERY_CALL.get(7), TestChain.GENESIS_HASH)
                .encode();
        assertThatThrownBy(() -> Extrinsic.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(ScaleException.class);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Extrinsic.decode(longer)).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> CallCodec.read(new org.tao4j.core.scale.ScaleReader(new byte[] {9, 9})))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("unknown call 9.9");
        byte[] nested = CallCodec.encode(new Call.Sudo(new Call.Sudo(new Call.Vote(1, true))));
        assertThatThrownBy(() -> CallCodec.read(new org.tao4j.core.scale.ScaleReader(nested)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("nest");
        byte[] badIp = CallCodec.encode(new Call.ServeAxon(1, new byte[] {1, 2, 3, 4}, 1, 4, 0, 0));
        badIp[4] = 5 << 2; // claim 5 address bytes
        assertThatThrownBy(() -> CallCodec.read(new org.tao4j.core.scale.ScaleReader(badIp)))
                .isInstanceOf(ScaleException.class);
    }

    @Property(tries = 3000)
    void randomBytesNeverThrowAnythingButScaleException(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            Extrinsic.decode(bytes);
        } catch (ScaleException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 3000)
    void mutatedTransactionsDecodeOrFailCleanlyAndNeverVerify(@ForAll int position, @ForAll byte delta) {
        Extrinsic x = Extrinsic.sign(
                TestChain.key("a"),
                1,
                0,
                9,
                EVERY_CALL.get(Math.floorMod(position, EVERY_CALL.size())),
                TestChain.GENESIS_HASH);
        byte[] b = x.encode();
        int at = Math.floorMod(position, b.length);
        if (delta == 0) {
            delta = 1;
        }
        b[at] += delta;
        try {
            Extrinsic y = Extrinsic.decode(b);
            assertThat(y.verify(TestChain.GENESIS_HASH)).isFalse();
        } catch (ScaleException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void amountsAbove2To63AreRefusedByTheRuntime() {
        TestChain c = new TestChain("alice");
        c.fails("alice", new Call.Transfer(id("bob"), Long.MIN_VALUE), "Overflow");
        c.fails("alice", new Call.Transfer(id("bob"), 0), "AmountZero");
    }
}
