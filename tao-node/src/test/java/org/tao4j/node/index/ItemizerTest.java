package org.tao4j.node.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.index.HistoryEntry.Kind;
import org.tao4j.node.index.Itemizer.Change;
import org.tao4j.node.index.Itemizer.Item;
import org.tao4j.node.index.Itemizer.StakeKey;
import org.tao4j.runtime.event.Event;

/** The itemizer on hand-made blocks: what each event becomes, and what is left over. */
class ItemizerTest {

    static AccountId a(int b) {
        byte[] x = new byte[32];
        x[0] = (byte) b;
        return new AccountId(x);
    }

    static final AccountId ALICE = a(1), BOB = a(2), HOT = a(3);

    static long sum(List<Item> items, AccountId who) {
        return items.stream()
                .filter(i -> i.account().equals(who))
                .mapToLong(i -> i.entry().free())
                .sum();
    }

    @Test
    void aTransfersFeeIsInTheSendersEntry() {
        List<Item> items = Itemizer.itemize(
                5,
                List.of(new Event.Transfer(ALICE, BOB, 1_000), new Event.ExtrinsicSuccess(0, ALICE, 7)),
                Map.of(ALICE, new Change(10_000, 8_993), BOB, new Change(0, 1_000)),
                Map.of());
        assertThat(items).hasSize(2);
        HistoryEntry out = items.get(0).entry();
        assertThat(out.kind()).isEqualTo(Kind.TRANSFER);
        assertThat(out.free()).isEqualTo(-1_007);
        assertThat(out.fee()).isEqualTo(7);
        assertThat(out.counterparty()).isEqualTo(BOB);
        assertThat(items.get(1).entry().free()).isEqualTo(1_000);
        assertThat(items.get(1).entry().fee()).isZero();
    }

    @Test
    void aFailedCallIsItsFeeAlone() {
        List<Item> items = Itemizer.itemize(
                5,
                List.of(new Event.ExtrinsicFailed(0, ALICE, 7, "InsufficientBalance", "needs more")),
                Map.of(ALICE, new Change(100, 93)),
                Map.of());
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.entry().kind()).isEqualTo(Kind.FEE);
            assertThat(i.entry().free()).isEqualTo(-7);
            assertThat(i.entry().extrinsic()).isZero();
        });
    }

    @Test
    void whatNoEventExplainsIsARewardOrOther() {
        Map<StakeKey, Change> stake = new HashMap<>();
        stake.put(new StakeKey(ALICE, HOT), new Change(500, 560));
        // a stake credit in a block whose epoch ran: a reward; an unexplained balance change: other
        List<Item> items =
                Itemizer.itemize(9, List.of(new Event.EpochRun(1, 60, 3)), Map.of(BOB, new Change(40, 10)), stake);
        assertThat(items).extracting(i -> i.entry().kind()).containsExactly(Kind.OTHER, Kind.REWARD);
        assertThat(items.get(0).entry().free()).isEqualTo(-30);
        assertThat(items.get(1).entry().stake()).isEqualTo(60);
        assertThat(items.get(1).entry().hotkey()).isEqualTo(HOT);
        // the same stake change without an epoch: other
        List<Item> noEpoch = Itemizer.itemize(9, List.of(), Map.of(), stake);
        assertThat(noEpoch).singleElement().extracting(i -> i.entry().kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void itemizedChangesThatDidNotHappenAreCancelledSoTheSumHolds() {
        // an event says Bob received 5, but his balance did not change in the block
        List<Item> items = Itemizer.itemize(3, List.of(new Event.OwnerCut(1, BOB, 5)), Map.of(), Map.of());
        assertThat(sum(items, BOB)).isZero();
        assertThat(items).extracting(i -> i.entry().kind()).containsExactly(Kind.OWNER_CUT, Kind.OTHER);
    }

    @Test
    void aProxiedRegistrationIsPaidByTheRealAccount() {
        List<Item> items = Itemizer.itemize(
                4,
                List.of(
                        new Event.NeuronRegistered(1, 2, HOT, 300),
                        new Event.Recycled("registration burn on subnet 1", 300),
                        new Event.ProxyExecuted(ALICE, BOB),
                        new Event.ExtrinsicSuccess(0, BOB, 7)),
                Map.of(ALICE, new Change(1_000, 700), BOB, new Change(100, 93)),
                Map.of());
        assertThat(items)
                .extracting(
                        i -> i.account(), i -> i.entry().kind(), i -> i.entry().free())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ALICE, Kind.REGISTRATION, -300L),
                        org.assertj.core.groups.Tuple.tuple(BOB, Kind.FEE, -7L));
    }
}
