package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.GlobalParameter;

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
