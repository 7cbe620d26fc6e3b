package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Link;
import org.tao4j.runtime.schema.ChainState.PendingChildren;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.staking.Childkeys;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/** docs/spec/chain.md §10: swap_hotkey and the announced coldkey swap, through real signed blocks. */
class KeySafetyTest {

    /**
     * alice registers subnet 1 with hotkey "val" (uid 0) and puts val in root; bob registers miner
     * "m1" on subnet 1; carol nominates 50 TAO on val; alice stakes 100 TAO on val.
     */
    static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "carol", "mallory", "sudo", "val", "val2", "bobroot");
        c.ok("alice", new Call.RegisterNetwork(id("val")));
        c.ok("bob", new Call.BurnedRegister(1, id("m1")));
        c.ok("alice", new Call.AddStake(id("val"), 100 * TAO));
        c.ok("carol", new Call.AddStake(id("val"), 50 * TAO));
        c.ok("alice", new Call.RootRegister(id("val")));
        return c;
    }

    @Test
    void swapHotkeyMovesEverythingKeyedByTheHotkey() {
        TestChain c = chain();
        c.ok("alice", new Call.DecreaseTake(id("val"), 90_000));
        c.ok("alice", new Call.AddStake(id("val"), TAO));
        // a staking call in the period: a floor for alice on (1, val)
        ChainState s0 = c.state();
        long floorBefore = s0.periodFloor(1, id("val"), id("alice"));
        assertThat(floorBefore).isGreaterThanOrEqualTo(0);
        noEpochNext(c);
        s0 = c.state();
        NeuronInfo n0 = s0.neuron(1, 0);
        long aliceFree = c.free("alice");
        long recycled = s0.totalRecycled();

        ApplyResult.Included r = c.ok("alice", new Call.SwapHotkey(id("val"), id("val2")));

        ChainState s = c.state();
        AccountId oldHk = id("val");
        AccountId newHk = id("val2");
        // registrations: same uids on subnet 1 and root, same neuron record with the new key
        assertThat(s.uid(1, newHk)).isEqualTo(0);
        assertThat(s.uid(0, newHk)).isEqualTo(0);
        assertThat(s.uid(1, oldHk)).isEqualTo(-1);
        assertThat(s.uid(0, oldHk)).isEqualTo(-1);
        assertThat(s.netuidsOf(newHk)).containsExactly(0, 1);
        assertThat(s.netuidsOf(oldHk)).isEmpty();
        NeuronInfo n = s.neuron(1, 0);
        assertThat(n.hotkey()).isEqualTo(newHk);
        assertThat(n.registeredAt()).isEqualTo(n0.registeredAt());
        assertThat(n.lastUpdate()).isEqualTo(n0.lastUpdate());
        // ownership, stake, totals, take
        assertThat(s.owner(newHk)).isEqualTo(id("alice"));
        assertThat(s.owner(oldHk)).isNull();
        assertThat(s.ownedHotkeys(id("alice"))).containsExactly(newHk);
        assertThat(s.stake(newHk, id("alice"))).isEqualTo(101 * TAO);
        assertThat(s.stake(newHk, id("carol"))).isEqualTo(50 * TAO);
        assertThat(s.stakers(oldHk)).isEmpty();
        assertThat(s.totalHotkeyStake(newHk)).isEqualTo(151 * TAO);
        assertThat(s.totalHotkeyStake(oldHk)).isZero();
        assertThat(s.stakedHotkeys(id("carol"))).containsExactly(newHk);
        assertThat(s.take(newHk, -1)).isEqualTo(90_000);
        assertThat(s.take(oldHk, -1)).isEqualTo(-1);
        // period floors follow the hotkey
        assertThat(s.periodFloor(1, newHk, id("alice"))).isEqualTo(floorBefore);
        assertThat(s.periodFloor(1, oldHk, id("alice"))).isEqualTo(-1);
        // the subnet's owner hotkey
        assertThat(s.subnet(1).ownerHotkey()).isEqualTo(newHk);
        // cost: fee + 0.1 TAO, recycled
        assertThat(c.free("alice")).isEqualTo(aliceFree - r.fee() - KeySafety.HOTKEY_SWAP_COST + ownerCut(c));
        assertThat(s.totalRecycled() - recycled).isEqualTo(r.fee() + KeySafety.HOTKEY_SWAP_COST);
        assertThat(c.events()).contains(new Event.HotkeySwapped(id("alice"), oldHk, newHk));

        // the new hotkey works: it serves, the old one no longer does
        c.ok("val2", new Call.ServeAxon(1, new byte[] {10, 0, 0, 2}, 8091, 4, 0, 1));
        c.fails("val", new Call.ServeAxon(1, new byte[] {10, 0, 0, 3}, 8091, 4, 0, 1), "NotRegistered");
        c.fails("carol", new Call.AddStake(oldHk, TAO), "HotkeyNotFound");
        c.ok("carol", new Call.RemoveStake(newHk, 50 * TAO));
    }

    @Test
    void swapHotkeyRefusals() {
        TestChain c = chain();
        c.fails("alice", new Call.SwapHotkey(id("nobody"), id("x")), "HotkeyNotFound");
        c.fails("bob", new Call.SwapHotkey(id("val"), id("x")), "NotHotkeyOwner");
        c.fails("alice", new Call.SwapHotkey(id("val"), id("val")), "SameHotkey");
        ApplyResult.Included r = c.fails("alice", new Call.SwapHotkey(id("val"), id("m1")), "HotkeyInUse");
        assertThat(r.message()).contains("use a fresh key");
        // a hotkey that is only in root is in use too
        c.ok("bob", new Call.RootRegister(id("bobroot")));
        c.fails("alice", new Call.SwapHotkey(id("val"), id("bobroot")), "HotkeyInUse");
        // a poor coldkey cannot pay the cost
        c.ok("alice", new Call.Transfer(id("dave"), 100_000_000L));
        c.ok("dave", new Call.RootRegister(id("davehk")));
        c.fails("dave", new Call.SwapHotkey(id("davehk"), id("davehk2")), "InsufficientBalance");
        assertThat(c.state().owner(id("val"))).isEqualTo(id("alice"));
    }

    @Test
    void swapHotkeyIsRateLimitedPerColdkey() {
        TestChain c = chain();
        c.ok("alice", new Call.SwapHotkey(id("val"), id("val2")));
        long limit = KeySafety.HOTKEY_SWAP_RATE_LIMIT_DEV;
        ApplyResult.Included r = c.fails("alice", new Call.SwapHotkey(id("val2"), id("val3")), "HotkeySwapRateLimited");
        assertThat(r.message()).contains("blocks left (rate limit " + limit);
        // another coldkey is not limited
        c.ok("bob", new Call.SwapHotkey(id("m1"), id("m1b")));
        c.advance((int) limit - 3);
        c.ok("alice", new Call.SwapHotkey(id("val2"), id("val3")));
        assertThat(c.state().uid(1, id("val3"))).isZero();
    }

    @Test
    void openSenateVotesFollowTheHotkey() {
        TestChain c = chain();
        c.ok("bob", new Call.RootRegister(id("bobroot")));
        c.ok("bob", new Call.AddStake(id("bobroot"), 200 * TAO));
        // a two-member senate: val's proposal has 1 aye of 2 and stays open
        c.ok("val", new Call.Propose(new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 20 * TAO)));
        long id = c.state().proposals().get(0).id();
        c.ok("alice", new Call.SwapHotkey(id("val"), id("val2")));
        assertThat(c.state().proposals().get(0).proposer()).isEqualTo(id("val2"));
        assertThat(c.state().proposals().get(0).ayes()).containsExactly(id("val2"));
        c.fails("val2", new Call.Vote(id, true), "DuplicateVote");
        c.fails("val", new Call.Vote(id, true), "NotSenateMember");
        c.ok("bobroot", new Call.Vote(id, true));
        assertThat(c.state().params().minLock()).isEqualTo(20 * TAO);
    }

    // ---------------------------------------------------------------- coldkey swap

    @Test
    void announcedColdkeySwapMovesBalanceStakeHotkeysAndSubnetsAfterTheDelay() {
        TestChain c = chain();
        AccountId next = id("alice-new");
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(next)));
        long announced = c.number();
        ApplyResult.Included early = c.fails("alice", new Call.SwapColdkey(next), "ColdkeySwapTooEarly");
        assertThat(early.message()).contains("executable at block " + (announced + KeySafety.COLDKEY_SWAP_DELAY_DEV));
        // the account still works during the delay
        c.ok("alice", new Call.AddStake(id("val"), TAO));
        c.advance((int) KeySafety.COLDKEY_SWAP_DELAY_DEV);
        c.fails("alice", new Call.SwapColdkey(id("mallory")), "ColdkeySwapHashMismatch");
        noEpochNext(c);
        long stake = c.state().stake(id("val"), id("alice"));
        long floor = c.state().periodFloor(1, id("val"), id("alice"));
        long free = c.free("alice");
        ApplyResult.Included r = c.ok("alice", new Call.SwapColdkey(next));

        ChainState s = c.state();
        assertThat(s.free(id("alice"))).isZero();
        assertThat(s.free(next)).isEqualTo(free - r.fee() - KeySafety.COLDKEY_SWAP_COST + ownerCut(c));
        assertThat(s.stake(id("val"), next)).isEqualTo(stake);
        assertThat(s.stake(id("val"), id("alice"))).isZero();
        assertThat(s.periodFloor(1, id("val"), next)).isEqualTo(floor);
        assertThat(s.owner(id("val"))).isEqualTo(next);
        assertThat(s.ownedHotkeys(next)).containsExactly(id("val"));
        assertThat(s.ownedHotkeys(id("alice"))).isEmpty();
        assertThat(s.subnet(1).owner()).isEqualTo(next);
        assertThat(s.coldkeySwap(id("alice"))).isNull();
        assertThat(c.events()).contains(new Event.ColdkeySwapped(id("alice"), next));
        // the new coldkey acts as owner: it lowers val's take
        c.ok("alice-new", new Call.DecreaseTake(id("val"), 10_000));
        c.ok("bob", new Call.Transfer(id("alice"), TAO));
        c.fails("alice", new Call.SwapColdkey(next), "ColdkeySwapNotAnnounced");
        c.fails("alice", new Call.DecreaseTake(id("val"), 5_000), "NotHotkeyOwner");
    }

    @Test
    void aDisputeOrASecondAnnouncementFreezesTheSwapForGovernance() {
        TestChain c = chain();
        // the thief announces with the stolen key; the owner announces its own: frozen
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("mallory"))));
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("alice-new"))));
        assertThat(c.state().coldkeySwap(id("alice")).disputed()).isTrue();
        c.advance((int) KeySafety.COLDKEY_SWAP_DELAY_DEV);
        c.fails("alice", new Call.SwapColdkey(id("mallory")), "ColdkeySwapDisputed");
        c.fails("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("mallory"))), "ColdkeySwapDisputed");
        c.fails("alice", new Call.DisputeColdkeySwap(), "ColdkeySwapDisputed");
        // only root decides
        c.fails("alice", new Call.DecideColdkeySwap(id("alice"), id("alice-new"), true), "NotAllowedToChange");
        long stake = c.state().stake(id("val"), id("alice"));
        c.ok("sudo", new Call.Sudo(new Call.DecideColdkeySwap(id("alice"), id("alice-new"), true)));
        assertThat(c.state().stake(id("val"), id("alice-new"))).isEqualTo(stake);
        assertThat(c.state().owner(id("val"))).isEqualTo(id("alice-new"));
        assertThat(c.state().stake(id("val"), id("mallory"))).isZero();
    }

    @Test
    void governanceMayRefuseAFrozenSwapAndTheColdkeyAnnouncesAgain() {
        TestChain c = chain();
        c.fails("alice", new Call.DisputeColdkeySwap(), "ColdkeySwapNotAnnounced");
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("mallory"))));
        c.ok("alice", new Call.DisputeColdkeySwap());
        assertThat(c.events()).contains(new Event.ColdkeySwapDisputed(id("alice")));
        c.ok("sudo", new Call.Sudo(new Call.DecideColdkeySwap(id("alice"), id("mallory"), false)));
        assertThat(c.events()).contains(new Event.ColdkeySwapRefused(id("alice")));
        assertThat(c.state().coldkeySwap(id("alice"))).isNull();
        assertThat(c.state().owner(id("val"))).isEqualTo(id("alice"));
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("alice-new"))));
        assertThat(c.state().coldkeySwap(id("alice")).disputed()).isFalse();
    }

    @Test
    void theNewColdkeyMustBeFresh() {
        TestChain c = chain();
        c.ok("alice", new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("bob"))));
        c.advance((int) KeySafety.COLDKEY_SWAP_DELAY_DEV);
        ApplyResult.Included r = c.fails("alice", new Call.SwapColdkey(id("bob")), "ColdkeyInUse");
        assertThat(r.message()).contains("use a fresh key");
        assertThat(c.state().owner(id("val"))).isEqualTo(id("alice"));
    }

    // ---------------------------------------------------------------- childkeys follow the hotkey

    /** floor(0.3 · (2^64 − 1)) and floor(0.2 · (2^64 − 1)). */
    private static final long P30 =
            Childkeys.ONE.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN).longValue();

    private static final long P20 =
            Childkeys.ONE.multiply(BigInteger.valueOf(2)).divide(BigInteger.TEN).longValue();
    private static final String[] HOTKEYS = {"val", "par", "c1", "c2", "m1"};

    /**
     * ChildkeysTest's subnet 1 (uid 0 val/alice, 1 par/erin, 2 c1/bob, 3 c2/carol, 4 m1/dave): par
     * (600 TAO of erin, 400 of frank) has children c1 (0.3) and c2 (0.2) in effect from block 11, c1
     * (100 TAO of bob) keeps a childkey take of 10%, c1 and c2 weight m1, and from block 14 par has a
     * pending list (c1 0.2, c2 0.3) due at block 24. Ends after block 14.
     */
    private static TestChain childkeyChain() {
        TestChain c = new TestChain("alice", "bob", "carol", "dave", "erin", "frank", "val", "par", "c1", "c2", "m1");
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("par", "erin");
        f.neuron("c1", "bob");
        f.neuron("c2", "carol");
        f.neuron("m1", "dave");
        f.hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        f.stake("par", "erin", 600 * TAO).stake("par", "frank", 400 * TAO).stake("c1", "bob", 100 * TAO);
        c.ok(
                "erin",
                new Call.SetChildren(
                        id("par"),
                        1,
                        List.of(new Call.Child(P30, id("c1")), new Call.Child(P20, id("c2"))))); // block 1, due 11
        c.ok("bob", new Call.SetChildkeyTake(id("c1"), 1, 100_000)); // block 2
        c.advance(8); // 3..10
        c.block(); // 11
        f.permit(2, true).permit(3, true);
        c.ok("c1", new Call.SetWeights(1, new int[] {4}, new int[] {1}, 0)); // 12
        c.ok("c2", new Call.SetWeights(1, new int[] {4}, new int[] {1}, 0)); // 13
        c.ok(
                "erin",
                new Call.SetChildren(
                        id("par"),
                        1,
                        List.of(new Call.Child(P20, id("c1")), new Call.Child(P30, id("c2"))))); // 14, due 24
        return c;
    }

    @Test
    void swappingAParentMovesItsChildrenPendingListAndRecords() {
        swapAndCompare("par", "erin");
    }

    @Test
    void swappingAChildMovesItsPlaceInItsParentsListsAndItsTake() {
        swapAndCompare("c1", "bob");
    }

    /**
     * Chain A swaps {@code hotkey} in block 15, chain B does not; through the pending list's activation
     * (block 24) and the epochs at blocks 20 and 31, every childkey read, subnet stake, neuron record and
     * stake of A equals B's with the old key read as the new one, and the old key has no childkey record.
     */
    private static void swapAndCompare(String hotkey, String coldkey) {
        TestChain a = childkeyChain();
        TestChain b = childkeyChain();
        AccountId oldHk = id(hotkey);
        AccountId newHk = id(hotkey + "-new");
        ChainState before = a.state();
        assertThat(before.children(1, id("par"))).hasSize(2);
        assertThat(before.parents(1, id("c1"))).hasSize(1);
        assertThat(before.pendingChildren(1, id("par"))).isNotNull();
        assertThat(before.pendingParents(1, id("c1"))).containsExactly(id("par"));

        List<ApplyResult> ra = a.block(a.tx(coldkey, new Call.SwapHotkey(oldHk, newHk))); // block 15
        b.block();
        assertThat(((ApplyResult.Included) ra.get(0)).error())
                .as("%s", ((ApplyResult.Included) ra.get(0)).message())
                .isNull();
        assertThat(a.state().hasChildkeyRecords(1, oldHk)).isFalse();
        assertThat(a.state().hasChildkeyRecords(1, newHk)).isTrue();
        boolean sawEpoch = false;
        while (a.number() < 32) {
            assertSameChildkeys(a.state(), b.state(), oldHk, newHk, id(coldkey));
            sawEpoch |= a.state().neuron(1, 2).emission() > 0;
            a.block();
            b.block();
        }
        assertSameChildkeys(a.state(), b.state(), oldHk, newHk, id(coldkey));
        assertThat(sawEpoch).as("an epoch paid the children").isTrue();
        assertThat(a.state().children(1, id(hotkey.equals("par") ? "par-new" : "par")))
                .as("the pending list took effect at block 24 under the new key")
                .containsExactly(new Link(P20, hotkey.equals("c1") ? newHk : id("c1")), new Link(P30, id("c2")));
        // the moved rate-limit records still hold: the new key is limited as the old one was
        if (hotkey.equals("c1")) {
            assertThat(a.state().lastChildkeyTakeIncrease(1, newHk)).isEqualTo(2);
        }
    }

    private static AccountId map(AccountId k, AccountId oldHk, AccountId newHk) {
        return k.equals(oldHk) ? newHk : k;
    }

    private static List<Link> map(List<Link> links, AccountId oldHk, AccountId newHk) {
        List<Link> out = new ArrayList<>();
        for (Link l : links) {
            out.add(new Link(l.proportion(), map(l.hotkey(), oldHk, newHk)));
        }
        return out;
    }

    /** Chain A (swapped) equals chain B on subnet 1's childkeys, neurons and stakes, with oldHk read as newHk. */
    private static void assertSameChildkeys(
            ChainState a, ChainState b, AccountId oldHk, AccountId newHk, AccountId signer) {
        for (String name : HOTKEYS) {
            AccountId hb = id(name);
            AccountId ha = map(hb, oldHk, newHk);
            assertThat(a.children(1, ha)).as("children of %s", name).isEqualTo(map(b.children(1, hb), oldHk, newHk));
            assertThat(a.parents(1, ha)).as("parents of %s", name).isEqualTo(map(b.parents(1, hb), oldHk, newHk));
            PendingChildren pb = b.pendingChildren(1, hb);
            assertThat(a.pendingChildren(1, ha))
                    .as("pending of %s", name)
                    .isEqualTo(
                            pb == null
                                    ? null
                                    : new PendingChildren(pb.effectiveBlock(), map(pb.children(), oldHk, newHk)));
            List<AccountId> ppb = new ArrayList<>();
            for (AccountId x : b.pendingParents(1, hb)) {
                ppb.add(map(x, oldHk, newHk));
            }
            assertThat(a.pendingParents(1, ha)).containsExactlyInAnyOrderElementsOf(ppb);
            assertThat(a.childkeyTake(1, ha)).isEqualTo(b.childkeyTake(1, hb));
            assertThat(a.lastSetChildren(1, ha)).isEqualTo(b.lastSetChildren(1, hb));
            assertThat(a.lastChildkeyTakeIncrease(1, ha)).isEqualTo(b.lastChildkeyTakeIncrease(1, hb));
            assertThat(Childkeys.subnetStake(a, 1, ha))
                    .as("subnet stake of %s", name)
                    .isEqualTo(Childkeys.subnetStake(b, 1, hb));
            assertThat(a.stakers(ha)).as("stakers of %s", name).isEqualTo(b.stakers(hb));
        }
        assertThat(a.hasChildkeyRecords(1, oldHk)).isFalse();
        for (int uid = 0; uid < 5; uid++) {
            NeuronInfo p = a.neuron(1, uid);
            NeuronInfo q = b.neuron(1, uid);
            assertThat(p)
                    .as("uid %d", uid)
                    .isEqualTo(new NeuronInfo(
                            map(q.hotkey(), oldHk, newHk),
                            q.registeredAt(),
                            q.lastUpdate(),
                            q.validatorPermit(),
                            q.active(),
                            q.consensus(),
                            q.incentive(),
                            q.dividends(),
                            q.validatorTrust(),
                            q.emission(),
                            q.axon()));
        }
        for (String cold : new String[] {"alice", "carol", "dave", "erin", "frank", "bob"}) {
            if (!id(cold).equals(signer)) {
                assertThat(a.free(id(cold))).as("free of %s", cold).isEqualTo(b.free(id(cold)));
            }
        }
    }

    @Test
    void theNewHotkeyMustHaveNoChildkeyRecords() {
        TestChain c = childkeyChain();
        // erin's par names "stranger" as a child (pending): stranger has no owner, uid or stake, yet is in use
        c.advance(5);
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P20, id("stranger")))));
        ApplyResult.Included r = c.fails("bob", new Call.SwapHotkey(id("c1"), id("stranger")), "HotkeyInUse");
        assertThat(r.message()).contains("childkey records on subnet 1");
        c.ok("bob", new Call.SwapHotkey(id("c1"), id("c1-new")));
    }

    /** What the subnet owner received as owner cut in the last block (docs/spec/chain.md §6). */
    static long ownerCut(TestChain c) {
        long sum = 0;
        for (Event e : c.events()) {
            if (e instanceof Event.OwnerCut oc) {
                sum += oc.amount();
            }
        }
        return sum;
    }

    /** Empty blocks until the next block runs no epoch (so that a swap's effects are read alone). */
    static void noEpochNext(TestChain c) {
        while (org.tao4j.runtime.coinbase.Coinbase.epochDue(
                        c.number() + 1, 1, c.state().hyperparams(1).tempo())
                || org.tao4j.runtime.coinbase.Coinbase.epochDue(
                        c.number() + 1, 0, c.state().hyperparams(0).tempo())) {
            c.block();
        }
    }
}
