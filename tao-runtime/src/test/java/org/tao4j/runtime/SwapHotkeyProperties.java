package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * docs/spec/chain.md §10: "a swap changes nothing but the key". Two chains run the same random history
 * ({@link RuntimeProperties#randomCall}: registrations, stake, weights, root, takes, transfers,
 * set_children, set_childkey_take...), from a start where h0 is both a parent and a child on subnet 1.
 * Then, in one block, a staker adds stake to a registered, staked hotkey on both chains (a period floor
 * on each of its subnets), and chain A also swaps that hotkey to a fresh key,
 * and both run 3 root tempos' worth of empty blocks (every subnet's epoch several times). After every
 * block, with the old key read as the new one: every subnet and neuron record (incentive, dividends,
 * emission, permits, axon), every weight and bond row, every stake and period floor, every childkey
 * record (children in effect and pending, parents, takes, rate-limit blocks, subnet stake) are equal, and
 * free balances are equal except the swapping coldkey's, short by exactly the fee and the swap cost.
 */
class SwapHotkeyProperties {

    @Property(tries = 8)
    void aSwapChangesNothingButTheKey(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        List<String> accounts = new ArrayList<>(Arrays.asList(RuntimeProperties.COLD));
        accounts.addAll(Arrays.asList(RuntimeProperties.HOT));
        accounts.add("bank"); // outside the random history: tops the swapping coldkey up for the cost
        String[] all = accounts.toArray(String[]::new);
        TestChain a = new TestChain(ChainParams.dev(), 5_000 * TAO, all);
        TestChain b = new TestChain(ChainParams.dev(), 5_000 * TAO, all);
        SplittableRandom rnd = new SplittableRandom(seed);
        // a start that makes the history rich: two subnets, stake on their owners' hotkeys
        for (TestChain ch : List.of(a, b)) {
            ch.ok("c0", new Call.RegisterNetwork(id("h0")));
            ch.ok("c1", new Call.RegisterNetwork(id("h1")));
            ch.ok("c2", new Call.BurnedRegister(1, id("h2")));
            ch.ok("c3", new Call.AddStake(id("h0"), 500 * TAO));
            ch.ok("c2", new Call.AddStake(id("h1"), 300 * TAO));
            ch.ok("c0", new Call.RootRegister(id("h0")));
            // childkeys (§5) on subnet 1: h0 is a parent (of h2) and a child (of h1), with a childkey take
            ch.ok("c1", new Call.BurnedRegister(1, id("h1")));
            ch.ok("c0", new Call.SetChildren(id("h0"), 1, List.of(new Call.Child(Long.MAX_VALUE / 3, id("h2")))));
            ch.ok("c1", new Call.SetChildren(id("h1"), 1, List.of(new Call.Child(Long.MAX_VALUE / 2, id("h0")))));
            ch.ok("c0", new Call.SetChildkeyTake(id("h0"), 1, 50_000));
        }
        for (int block = 0; block < 60; block++) {
            int n = rnd.nextInt(6);
            List<Extrinsic> xa = new ArrayList<>();
            List<Extrinsic> xb = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean hotSigner = rnd.nextInt(3) == 0;
                String who = hotSigner ? pick(rnd, RuntimeProperties.HOT) : pick(rnd, RuntimeProperties.COLD);
                Call call = RuntimeProperties.randomCall(rnd, hotSigner);
                if (call instanceof Call.SwapHotkey || call instanceof Call.Proxy) {
                    continue; // swaps in the history would rename the accounts this test picks by name
                }
                xa.add(a.tx(who, call));
                xb.add(b.tx(who, call));
            }
            a.block(xa.toArray(Extrinsic[]::new));
            b.block(xb.toArray(Extrinsic[]::new));
        }
        // the hotkey to swap: a registered one with stake, else any registered one
        ChainState sa = a.state();
        String old = null;
        for (String h : RuntimeProperties.HOT) {
            if (!sa.netuidsOf(id(h)).isEmpty() && (old == null || sa.totalHotkeyStake(id(h)) > 0)) {
                old = h;
                if (sa.totalHotkeyStake(id(h)) > 0) {
                    break;
                }
            }
        }
        assertThat(old).as("some hotkey is registered").isNotNull();
        AccountId oldHk = id(old);
        AccountId newHk = id("fresh-" + seed);
        AccountId coldkey = sa.owner(oldHk);
        String coldName = null;
        for (String c : RuntimeProperties.COLD) {
            if (id(c).equals(coldkey)) {
                coldName = c;
            }
        }
        a.ok("bank", new Call.Transfer(coldkey, 10 * TAO));
        b.ok("bank", new Call.Transfer(coldkey, 10 * TAO));
        // a staking call on the hotkey in the swap's block: a period floor that must follow the key (§5, §10)
        Call stake = new Call.AddStake(oldHk, 5 * TAO);
        List<ApplyResult> ra = a.block(a.tx("bank", stake), a.tx(coldName, new Call.SwapHotkey(oldHk, newHk)));
        b.block(b.tx("bank", stake));
        assertThat(((ApplyResult.Included) ra.get(0)).error()).isNull();
        ApplyResult.Included r = (ApplyResult.Included) ra.get(1);
        assertThat(r.error()).as("swap failed: %s", r.message()).isNull();
        long cost = r.fee() + KeySafety.HOTKEY_SWAP_COST;
        assertSame(a.state(), b.state(), oldHk, newHk, coldkey, cost);
        for (int i = 0; i < 2 * ChainParams.dev().rootTempo() / 5; i++) {
            a.block();
            b.block();
            assertSame(a.state(), b.state(), oldHk, newHk, coldkey, cost);
        }
    }

    private static String pick(SplittableRandom r, String[] xs) {
        return xs[r.nextInt(xs.length)];
    }

    private static AccountId map(AccountId k, AccountId oldHk, AccountId newHk) {
        return k.equals(oldHk) ? newHk : k;
    }

    private static List<ChainState.Link> map(List<ChainState.Link> links, AccountId oldHk, AccountId newHk) {
        List<ChainState.Link> out = new ArrayList<>();
        for (ChainState.Link l : links) {
            out.add(new ChainState.Link(l.proportion(), map(l.hotkey(), oldHk, newHk)));
        }
        return out;
    }

    /** docs/spec/chain.md §10: every childkey record of the subnet follows the key. */
    static void assertSameChildkeys(ChainState a, ChainState b, int netuid, AccountId oldHk, AccountId newHk) {
        assertThat(a.hasChildkeyRecords(netuid, oldHk))
                .as("childkey records left on the old key, subnet %d", netuid)
                .isFalse();
        for (String h : RuntimeProperties.HOT) {
            AccountId hb = id(h);
            AccountId ha = map(hb, oldHk, newHk);
            assertThat(a.children(netuid, ha))
                    .as("children of %s on %d", h, netuid)
                    .isEqualTo(map(b.children(netuid, hb), oldHk, newHk));
            assertThat(a.parents(netuid, ha))
                    .as("parents of %s on %d", h, netuid)
                    .isEqualTo(map(b.parents(netuid, hb), oldHk, newHk));
            ChainState.PendingChildren pb = b.pendingChildren(netuid, hb);
            assertThat(a.pendingChildren(netuid, ha))
                    .as("pending children of %s on %d", h, netuid)
                    .isEqualTo(
                            pb == null
                                    ? null
                                    : new ChainState.PendingChildren(
                                            pb.effectiveBlock(), map(pb.children(), oldHk, newHk)));
            List<AccountId> ppb = new ArrayList<>();
            for (AccountId x : b.pendingParents(netuid, hb)) {
                ppb.add(map(x, oldHk, newHk));
            }
            assertThat(a.pendingParents(netuid, ha)).containsExactlyInAnyOrderElementsOf(ppb);
            assertThat(a.childkeyTake(netuid, ha)).isEqualTo(b.childkeyTake(netuid, hb));
            assertThat(a.lastSetChildren(netuid, ha)).isEqualTo(b.lastSetChildren(netuid, hb));
            assertThat(a.lastChildkeyTakeIncrease(netuid, ha)).isEqualTo(b.lastChildkeyTakeIncrease(netuid, hb));
            assertThat(org.tao4j.runtime.staking.Childkeys.subnetStake(a, netuid, ha))
                    .as("subnet stake of %s on %d", h, netuid)
                    .isEqualTo(org.tao4j.runtime.staking.Childkeys.subnetStake(b, netuid, hb));
        }
    }

    /** Chain A (swapped) equals chain B (not swapped) with oldHk read as newHk. */
    static void assertSame(ChainState a, ChainState b, AccountId oldHk, AccountId newHk, AccountId coldkey, long cost) {
        assertThat(a.totalIssuance()).isEqualTo(b.totalIssuance() - cost);
        assertThat(a.totalStake()).isEqualTo(b.totalStake());
        List<SubnetInfo> subnetsA = a.subnets();
        List<SubnetInfo> subnetsB = b.subnets();
        assertThat(subnetsA).hasSameSizeAs(subnetsB);
        for (int i = 0; i < subnetsA.size(); i++) {
            SubnetInfo x = subnetsA.get(i);
            SubnetInfo y = subnetsB.get(i);
            assertThat(x)
                    .isEqualTo(new SubnetInfo(
                            y.netuid(),
                            y.owner(),
                            map(y.ownerHotkey(), oldHk, newHk),
                            y.registeredAt(),
                            y.lock(),
                            y.burn(),
                            y.lastHyperparamBlock(),
                            y.lastMechanismStepBlock(),
                            y.pendingEmission(),
                            y.emissionValue(),
                            y.emissionShare(),
                            y.lastRegistrationBlock(),
                            y.n()));
            int netuid = x.netuid();
            List<NeuronInfo> na = a.neurons(netuid);
            List<NeuronInfo> nb = b.neurons(netuid);
            assertThat(na).hasSameSizeAs(nb);
            for (int uid = 0; uid < na.size(); uid++) {
                NeuronInfo p = na.get(uid);
                NeuronInfo q = nb.get(uid);
                assertThat(p)
                        .as("subnet %d uid %d", netuid, uid)
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
                assertThat(a.weights(netuid, uid)).isEqualTo(b.weights(netuid, uid));
                assertThat(a.bonds(netuid, uid)).isEqualTo(b.bonds(netuid, uid));
            }
            List<ChainState.PeriodFloor> fa = a.periodFloors(netuid);
            List<ChainState.PeriodFloor> fb = new ArrayList<>();
            for (ChainState.PeriodFloor f : b.periodFloors(netuid)) {
                fb.add(new ChainState.PeriodFloor(map(f.hotkey(), oldHk, newHk), f.coldkey(), f.floor()));
            }
            assertThat(fa).containsExactlyInAnyOrderElementsOf(fb);
            assertSameChildkeys(a, b, netuid, oldHk, newHk);
        }
        List<Pair<AccountId, Long>> ha = a.hotkeyStakes();
        List<Pair<AccountId, Long>> hb = new ArrayList<>();
        for (Pair<AccountId, Long> h : b.hotkeyStakes()) {
            hb.add(new Pair<>(map(h.first(), oldHk, newHk), h.second()));
            assertThat(a.stakers(map(h.first(), oldHk, newHk)))
                    .as("stakers of %s", h.first())
                    .isEqualTo(b.stakers(h.first()));
            assertThat(a.take(map(h.first(), oldHk, newHk), -1)).isEqualTo(b.take(h.first(), -1));
        }
        assertThat(ha).containsExactlyInAnyOrderElementsOf(hb);
        for (Pair<AccountId, org.tao4j.runtime.schema.Account> acc : b.accounts()) {
            long expected = acc.second().free() - (acc.first().equals(coldkey) ? cost : 0);
            assertThat(a.free(acc.first()))
                    .as("free balance of %s", acc.first())
                    .isEqualTo(expected);
        }
    }
}
