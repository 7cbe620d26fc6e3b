package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * {@link BlockExecution#dispatchWithoutTransaction}, the path mock mode drives (docs/spec/architecture.md
 * "One block step"): the chain's dispatcher and block step, without signatures, fees or nonces.
 */
class DispatchWithoutTransactionTest {

    /** A copy of the chain's state, to run a block on without touching the chain. */
    static MemoryKeyValueStore copy(TestChain c) {
        MemoryKeyValueStore kv = new MemoryKeyValueStore();
        c.state().store().forEachWithPrefix(new byte[0], kv::put);
        return kv;
    }

    @Test
    void aCallRunsAsTheSignerWithNoFeeOrNonceAndAFailureRollsBack() {
        TestChain c = new TestChain("alice", "bob");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        MemoryKeyValueStore kv = copy(c);
        BlockExecution b = c.runtime().begin(kv, c.number() + 1);
        long alice = b.state().free(id("alice"));
        long nonce = b.state().account(id("alice")).nonce();

        ApplyResult.Included ok = b.dispatchWithoutTransaction(id("alice"), new Call.Transfer(id("bob"), TAO));
        assertThat(ok.error()).isNull();
        assertThat(ok.fee()).isZero();
        assertThat(b.state().free(id("alice"))).isEqualTo(alice - TAO);
        assertThat(b.state().account(id("alice")).nonce()).isEqualTo(nonce);
        assertThat(b.eventsSoFar()).contains(new Event.Transfer(id("alice"), id("bob"), TAO));
        assertThat(b.included()).isEmpty();

        ApplyResult.Included bad =
                b.dispatchWithoutTransaction(id("alice"), new Call.Transfer(id("bob"), 1_000_000_000 * TAO));
        assertThat(bad.error()).isEqualTo("InsufficientBalance");
        assertThat(b.state().free(id("alice"))).isEqualTo(alice - TAO);

        // a signed origin cannot make a root call; the root origin (null signer) can
        assertThat(b.dispatchWithoutTransaction(id("alice"), new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 5))
                        .error())
                .isEqualTo("NotAllowedToChange");
        assertThat(b.dispatchWithoutTransaction(null, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 5))
                        .error())
                .isNull();
        assertThat(b.state().hyperparams(1).tempo()).isEqualTo(5);

        // the block step is the chain's: emission is minted and the owner cut paid
        BlockExecution.Outcome out = b.finish();
        assertThat(out.events()).anyMatch(e -> e instanceof Event.Minted);
        assertThat(out.events()).anyMatch(e -> e instanceof Event.OwnerCut);
        assertThat(out.extrinsics()).isEmpty();
        assertThatThrownBy(() -> b.dispatchWithoutTransaction(id("alice"), new Call.Transfer(id("bob"), 1)))
                .isInstanceOf(IllegalStateException.class);
        ChainState after = new ChainState(kv);
        assertThat(after.blockNumber()).isEqualTo(c.number()); // changes are the caller's to commit
    }
}
