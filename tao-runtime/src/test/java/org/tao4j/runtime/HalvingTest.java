package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;

/** docs/spec/chain.md §1: the block emission halves when the issuance reaches 10.5M TAO, at the right block. */
class HalvingTest {

    @Test
    void emissionHalvesAtTheBlockWhereIssuanceReaches10_5M() {
        long start = 10_500_000 * TAO - 20 * TAO;
        TestChain c = new TestChain(ChainParams.dev(), start, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hot")));
        boolean halved = false;
        for (int i = 0; i < 60 && !halved; i++) {
            long before = c.state().totalIssuance();
            c.block();
            long minted = c.events().stream()
                    .filter(e -> e instanceof Event.Minted)
                    .mapToLong(e -> ((Event.Minted) e).amount())
                    .sum();
            assertThat(minted)
                    .as("block %d at issuance %d", c.number(), before)
                    .isEqualTo(EmissionSchedule.blockEmission(before));
            if (before >= 10_500_000 * TAO) {
                assertThat(minted).isEqualTo(TAO / 2);
                halved = true;
            } else {
                assertThat(minted).isEqualTo(TAO);
            }
        }
        assertThat(halved).as("the chain crossed 10.5M TAO within 60 blocks").isTrue();
        assertThat(c.state().totalMinted() - c.state().totalRecycled())
                .isEqualTo(c.state().totalIssuance() - start);
    }
}
