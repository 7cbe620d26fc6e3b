package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.keys.Proxies;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.ProxyType;

/** docs/spec/chain.md §10 "Proxies": add, remove, proxied calls by type, delays, limits; real signed blocks. */
class ProxyTest {

    /** alice owns subnet 1 with hotkey "val"; "hot" is a machine key with a little TAO for fees. */
    static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "hot", "val");
        c.ok("alice", new Call.RegisterNetwork(id("val")));
        return c;
    }

    @Test
    void aStakingProxyStakesForTheRealAccountAndNothingElse() {
        TestChain c = chain();
        long before = c.free("alice");
        ApplyResult.Included add = c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.STAKING, 0));
        assertThat(c.free("alice")).isEqualTo(before - add.fee() - Proxies.PROXY_FEE + KeySafetyTest.ownerCut(c));
        assertThat(c.events()).contains(new Event.ProxyAdded(id("alice"), id("hot"), "Staking", 0));
        assertThat(c.state().proxies(id("alice"))).containsExactly(new ChainState.ProxyDef(id("hot"), 2, 0));

        long hotFree = c.free("hot");
        ApplyResult.Included r = c.ok("hot", new Call.Proxy(id("alice"), new Call.AddStake(id("val"), 10 * TAO)));
        // the stake is alice's, paid from alice's balance; hot paid only the fee
        assertThat(c.state().stake(id("val"), id("alice"))).isEqualTo(10 * TAO);
        assertThat(c.state().stake(id("val"), id("hot"))).isZero();
        assertThat(c.free("hot")).isEqualTo(hotFree - r.fee());
        assertThat(c.events())
                .contains(
                        new Event.StakeAdded(id("alice"), id("val"), 10 * TAO),
                        new Event.ProxyExecuted(id("alice"), id("hot")));
        c.ok("hot", new Call.Proxy(id("alice"), new Call.RemoveStake(id("val"), 4 * TAO)));
        assertThat(c.state().stake(id("val"), id("alice"))).isEqualTo(6 * TAO);

        // outside the type: a clear error, nothing moves
        long hotBefore = c.free("hot");
        ApplyResult.Included f =
                c.fails("hot", new Call.Proxy(id("alice"), new Call.Transfer(id("hot"), TAO)), "ProxyCallFiltered");
        assertThat(f.message()).contains("Transfer is not allowed by Staking");
        c.fails(
                "hot",
                new Call.Proxy(id("alice"), new Call.AddProxy(id("hot"), ProxyType.ANY, 0)),
                "ProxyCallFiltered");
        c.fails("hot", new Call.Proxy(id("alice"), new Call.SwapHotkey(id("val"), id("x"))), "ProxyCallFiltered");
        assertThat(c.free("hot")).isLessThan(hotBefore);
        assertThat(c.state().stake(id("val"), id("alice"))).isEqualTo(6 * TAO);
        assertThat(c.state().proxies(id("alice"))).hasSize(1);
        // someone without a proxy
        ApplyResult.Included np =
                c.fails("bob", new Call.Proxy(id("alice"), new Call.AddStake(id("val"), TAO)), "NotProxy");
        assertThat(np.message()).contains("is not a proxy of");
    }

    @Test
    void typesAllowTheirCalls() {
        Call transfer = new Call.Transfer(id("bob"), TAO);
        Call stake = new Call.AddStake(id("val"), TAO);
        Call weights = new Call.SetWeights(1, new int[] {0}, new int[] {1}, 0);
        Call reg = new Call.BurnedRegister(1, id("x"));
        Call vote = new Call.Vote(0, true);
        Call axon = new Call.ServeAxon(1, new byte[] {10, 0, 0, 1}, 1, 4, 0, 0);
        Call proxyMgmt = new Call.RemoveProxies();
        assertThat(ProxyType.ANY.allows(transfer)).isTrue();
        assertThat(ProxyType.ANY.allows(proxyMgmt)).isTrue();
        assertThat(ProxyType.NON_TRANSFER.allows(transfer)).isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.TransferAll(id("bob"))))
                .isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(proxyMgmt)).isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.AnnounceColdkeySwap(new byte[32])))
                .isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(stake)).isTrue();
        assertThat(ProxyType.NON_TRANSFER.allows(axon)).isTrue();
        assertThat(ProxyType.STAKING.allows(stake)).isTrue();
        assertThat(ProxyType.STAKING.allows(weights)).isFalse();
        assertThat(ProxyType.WEIGHTS.allows(weights)).isTrue();
        assertThat(ProxyType.WEIGHTS.allows(new Call.CommitWeights(1, new byte[32])))
                .isTrue();
        assertThat(ProxyType.WEIGHTS.allows(stake)).isFalse();
        assertThat(ProxyType.REGISTRATION.allows(reg)).isTrue();
        assertThat(ProxyType.REGISTRATION.allows(new Call.RootRegister(id("x"))))
                .isTrue();
        assertThat(ProxyType.REGISTRATION.allows(transfer)).isFalse();
        assertThat(ProxyType.GOVERNANCE.allows(vote)).isTrue();
        assertThat(ProxyType.GOVERNANCE.allows(stake)).isFalse();
        assertThat(ProxyType.byLabel("non-transfer")).isEqualTo(ProxyType.NON_TRANSFER);
        assertThat(ProxyType.byLabel("weights")).isEqualTo(ProxyType.WEIGHTS);
        assertThat(ProxyType.byLabel("root")).isNull();
    }

    @Test
    void aWeightsProxyOfAHotkeySetsItsWeights() {
        TestChain c = chain();
        c.ok("alice", new Call.SetHyperparameter(1, org.tao4j.runtime.tx.Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        c.ok("val", new Call.AddProxy(id("hot"), ProxyType.WEIGHTS, 0));
        c.ok("hot", new Call.Proxy(id("val"), new Call.SetWeights(1, new int[] {0}, new int[] {65535}, 0)));
        assertThat(c.events()).contains(new Event.WeightsSet(1, 0));
        c.fails("hot", new Call.Proxy(id("val"), new Call.Transfer(id("hot"), TAO)), "ProxyCallFiltered");
    }

    @Test
    void theInnerCallsErrorFailsTheTransactionAndUndoesEverything() {
        TestChain c = chain();
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.ANY, 0));
        long before = c.free("alice");
        ApplyResult.Included r =
                c.fails("hot", new Call.Proxy(id("alice"), new Call.AddStake(id("nobody"), TAO)), "HotkeyNotFound");
        assertThat(r.message()).contains("is not registered anywhere");
        assertThat(c.free("alice")).isEqualTo(before + KeySafetyTest.ownerCut(c));
        // an Any proxy may transfer the real account's TAO
        c.ok("hot", new Call.Proxy(id("alice"), new Call.Transfer(id("bob"), TAO)));
        assertThat(c.events()).contains(new Event.Transfer(id("alice"), id("bob"), TAO));
    }

    @Test
    void aDelayedProxyNeedsAnAnnouncementOldEnough() {
        TestChain c = chain();
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.STAKING, 5));
        Call stake = new Call.AddStake(id("val"), 3 * TAO);
        ApplyResult.Included r = c.fails("hot", new Call.Proxy(id("alice"), stake), "ProxyNotAnnounced");
        assertThat(r.message()).contains("announce the call first");
        c.fails("bob", new Call.AnnounceProxy(id("alice"), Proxies.callHash(stake)), "NotProxy");
        c.ok("hot", new Call.AnnounceProxy(id("alice"), Proxies.callHash(stake)));
        long at = c.number();
        assertThat(c.events()).anySatisfy(e -> {
            assertThat(e).isInstanceOf(Event.ProxyAnnounced.class);
            Event.ProxyAnnounced a = (Event.ProxyAnnounced) e;
            assertThat(a.real()).isEqualTo(id("alice"));
            assertThat(a.callHash()).isEqualTo(Proxies.callHash(stake));
        });
        r = c.fails("hot", new Call.Proxy(id("alice"), stake), "ProxyAnnouncementTooRecent");
        assertThat(r.message()).contains("executable from block " + (at + 5));
        // another call was not announced
        c.advance(5);
        c.fails("hot", new Call.Proxy(id("alice"), new Call.AddStake(id("val"), 4 * TAO)), "ProxyNotAnnounced");
        c.ok("hot", new Call.Proxy(id("alice"), stake));
        assertThat(c.state().stake(id("val"), id("alice"))).isEqualTo(3 * TAO);
        // consumed: the same call again needs a new announcement
        c.fails("hot", new Call.Proxy(id("alice"), stake), "ProxyNotAnnounced");
        assertThat(c.state().proxyAnnouncements(id("hot"))).isEmpty();
    }

    @Test
    void theRealAccountStopsAnAnnouncedCallByRemovingTheProxy() {
        TestChain c = chain();
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.ANY, 5));
        Call steal = new Call.TransferAll(id("hot"));
        c.ok("hot", new Call.AnnounceProxy(id("alice"), Proxies.callHash(steal)));
        c.ok("alice", new Call.RemoveProxy(id("hot"), ProxyType.ANY));
        assertThat(c.events()).contains(new Event.ProxyRemoved(id("alice"), id("hot"), "Any"));
        c.advance(5);
        c.fails("hot", new Call.Proxy(id("alice"), steal), "NotProxy");
        assertThat(c.free("alice")).isPositive();
    }

    @Test
    void announcementsAreBoundedPerDelegate() {
        TestChain c = chain();
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.STAKING, 1));
        for (int i = 0; i < Proxies.MAX_ANNOUNCEMENTS + 3; i++) {
            c.ok("hot", new Call.AnnounceProxy(id("alice"), Proxies.callHash(new Call.AddStake(id("val"), TAO + i))));
        }
        var list = c.state().proxyAnnouncements(id("hot"));
        assertThat(list).hasSize(Proxies.MAX_ANNOUNCEMENTS);
        // the oldest three were replaced
        assertThat(list.get(0).callHash()).isEqualTo(Proxies.callHash(new Call.AddStake(id("val"), TAO + 3)));
    }

    @Test
    void addAndRemoveRefusalsAndTheBound() {
        TestChain c = chain();
        c.fails("alice", new Call.AddProxy(id("alice"), ProxyType.ANY, 0), "NoSelfProxy");
        c.fails("alice", new Call.AddProxy(id("hot"), ProxyType.ANY, Proxies.MAX_DELAY + 1), "ProxyDelayTooLong");
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.STAKING, 0));
        c.fails("alice", new Call.AddProxy(id("hot"), ProxyType.STAKING, 3), "DuplicateProxy");
        c.ok("alice", new Call.AddProxy(id("hot"), ProxyType.WEIGHTS, 0)); // another type is another proxy
        for (int i = 2; i < Proxies.MAX_PROXIES; i++) {
            c.ok("alice", new Call.AddProxy(id("d" + i), ProxyType.ANY, 0));
        }
        ApplyResult.Included r = c.fails("alice", new Call.AddProxy(id("d99"), ProxyType.ANY, 0), "TooManyProxies");
        assertThat(r.message()).contains("remove one first");
        c.fails("alice", new Call.RemoveProxy(id("bob"), ProxyType.ANY), "ProxyNotFound");
        c.ok("alice", new Call.RemoveProxy(id("hot"), ProxyType.STAKING));
        assertThat(c.state().proxies(id("alice"))).hasSize(Proxies.MAX_PROXIES - 1);
        c.ok("alice", new Call.RemoveProxies());
        assertThat(c.state().proxies(id("alice"))).isEmpty();
        c.fails("alice", new Call.RemoveProxies(), "ProxyNotFound");
        // a poor account cannot pay the proxy fee
        c.ok("alice", new Call.Transfer(id("poor"), 5_000_000L));
        c.fails("poor", new Call.AddProxy(id("hot"), ProxyType.ANY, 0), "InsufficientBalance");
    }

    @Test
    void proxyCannotNestAProxyOrASudo() {
        byte[] inner =
                CallCodec.encode(new Call.Proxy(id("alice"), new Call.Proxy(id("bob"), new Call.RemoveProxies())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallCodec.read(new ScaleReader(inner)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("proxy cannot be nested");
        byte[] sudo = CallCodec.encode(new Call.Sudo(new Call.Proxy(id("alice"), new Call.RemoveProxies())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallCodec.read(new ScaleReader(sudo)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("proxy cannot be nested");
        byte[] deep =
                CallCodec.encode(new Call.Proxy(id("alice"), new Call.Sudo(new Call.Sudo(new Call.RemoveProxies()))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallCodec.read(new ScaleReader(deep)))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("nest only one level");
        // round trip of every new call
        Call[] calls = {
            new Call.AddProxy(id("a"), ProxyType.GOVERNANCE, 7),
            new Call.RemoveProxy(id("a"), ProxyType.ANY),
            new Call.RemoveProxies(),
            new Call.Proxy(id("a"), new Call.AddStake(id("b"), 5)),
            new Call.AnnounceProxy(id("a"), new byte[32]),
            new Call.SwapHotkey(id("a"), id("b")),
            new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(id("a"))),
            new Call.SwapColdkey(id("a")),
            new Call.DisputeColdkeySwap(),
            new Call.DecideColdkeySwap(id("a"), id("b"), true)
        };
        for (Call call : calls) {
            assertThat(CallCodec.read(new ScaleReader(CallCodec.encode(call)))).isEqualTo(call);
        }
        byte[] badType = CallCodec.encode(new Call.AddProxy(id("a"), ProxyType.ANY, 0));
        badType[2 + 32] = 9;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallCodec.read(new ScaleReader(badType)))
                .hasMessageContaining("unknown proxy type id 9");
    }

    @Test
    void sudoGoesThroughAnAnyProxyOnlyAndAGovernanceProxyVotes() {
        TestChain c = new TestChain("sudo", "hot", "alice", "val");
        Call sudo = new Call.Sudo(new Call.SetGlobalParameter(org.tao4j.runtime.tx.GlobalParameter.MIN_LOCK, 5 * TAO));
        // proxy(real, sudo(call)) and proxy(real, propose(call)) decode: the proxy does not count as a level
        assertThat(CallCodec.read(new ScaleReader(CallCodec.encode(new Call.Proxy(id("sudo"), sudo)))))
                .isEqualTo(new Call.Proxy(id("sudo"), sudo));
        c.ok("sudo", new Call.AddProxy(id("hot"), ProxyType.NON_TRANSFER, 0));
        c.fails("hot", new Call.Proxy(id("sudo"), sudo), "ProxyCallFiltered");
        c.ok("sudo", new Call.AddProxy(id("hot"), ProxyType.ANY, 0));
        c.ok("hot", new Call.Proxy(id("sudo"), sudo));
        assertThat(c.state().params().minLock()).isEqualTo(5 * TAO);
        // a governance proxy of a one-member senate's hotkey proposes (and so executes) a change
        c.ok("alice", new Call.RootRegister(id("val")));
        c.ok("alice", new Call.AddStake(id("val"), 10 * TAO));
        c.ok("val", new Call.AddProxy(id("hot"), ProxyType.GOVERNANCE, 0));
        c.ok(
                "hot",
                new Call.Proxy(
                        id("val"),
                        new Call.Propose(
                                new Call.SetGlobalParameter(org.tao4j.runtime.tx.GlobalParameter.MIN_LOCK, 7 * TAO))));
        assertThat(c.state().params().minLock()).isEqualTo(7 * TAO);
    }
}
