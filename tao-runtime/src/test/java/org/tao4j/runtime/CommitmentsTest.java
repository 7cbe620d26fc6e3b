package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.TestChain.id;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.keys.Commitments;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;

/** docs/spec/chain.md §11: commit(netuid, data) through real signed blocks. */
class CommitmentsTest {

    static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "val", "m1", "m2");
        c.ok("alice", new Call.RegisterNetwork(id("val")));
        c.ok("bob", new Call.BurnedRegister(1, id("m1")));
        return c;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRegisteredHotkeyPublishesAndReplacesItsCommitment() {
        TestChain c = chain();
        c.ok("m1", new Call.Commit(1, utf8("sha256:abc")));
        long at = c.number();
        ChainState.Commitment cm = c.state().commitment(1, id("m1"));
        assertThat(cm.block()).isEqualTo(at);
        assertThat(new String(cm.data(), StandardCharsets.UTF_8)).isEqualTo("sha256:abc");
        assertThat(c.events()).contains(new Event.Committed(1, id("m1"), at, 10));
        c.ok("val", new Call.Commit(1, new byte[Commitments.MAX_BYTES]));
        assertThat(c.state().commitments(1)).hasSize(2);

        ApplyResult.Included r = c.fails("m1", new Call.Commit(1, utf8("v2")), "CommitmentRateLimited");
        assertThat(r.message()).contains("blocks left");
        c.advance((int) Commitments.RATE_LIMIT_DEV);
        c.ok("m1", new Call.Commit(1, utf8("v2")));
        assertThat(c.state().commitment(1, id("m1")).data()).isEqualTo(utf8("v2"));
        // clearing is a commitment of nothing, and counts for the rate limit
        c.advance((int) Commitments.RATE_LIMIT_DEV);
        c.ok("m1", new Call.Commit(1, new byte[0]));
        assertThat(c.state().commitment(1, id("m1")).data()).isEmpty();
        c.fails("m1", new Call.Commit(1, utf8("v3")), "CommitmentRateLimited");
    }

    @Test
    void refusals() {
        TestChain c = chain();
        c.fails("m2", new Call.Commit(1, utf8("x")), "NotRegistered");
        c.fails("m1", new Call.Commit(7, utf8("x")), "SubnetNotFound");
        c.fails("m1", new Call.Commit(0, utf8("x")), "CannotChangeRoot");
        c.fails("m1", new Call.Commit(1, new byte[Commitments.MAX_BYTES + 1]), "CommitmentTooLarge");
        byte[] big = CallCodec.encode(new Call.Commit(1, new byte[Commitments.MAX_BYTES + 1]));
        assertThatThrownBy(() -> CallCodec.read(new ScaleReader(big))).hasMessageContaining("at most 1024 bytes");
        Call ok = new Call.Commit(1, utf8("round trip"));
        assertThat(CallCodec.read(new ScaleReader(CallCodec.encode(ok)))).isEqualTo(ok);
    }

    @Test
    void aCommitmentFollowsItsHotkeyThroughASwapAndGoesWithItsUid() {
        TestChain c = chain();
        c.ok("m1", new Call.Commit(1, utf8("model")));
        c.ok("bob", new Call.SwapHotkey(id("m1"), id("m1b")));
        assertThat(c.state().commitment(1, id("m1"))).isNull();
        assertThat(c.state().commitment(1, id("m1b")).data()).isEqualTo(utf8("model"));
        // the uid is replaced: its commitment goes
        ChainState s = c.state();
        s.removeUid(1, id("m1b"));
        assertThat(s.commitment(1, id("m1b"))).isNull();
        s.clearSubnetNeurons(1);
        assertThat(s.commitments(1)).isEmpty();
    }
}
