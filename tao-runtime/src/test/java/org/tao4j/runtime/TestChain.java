package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A whole chain in memory for runtime tests: a dev genesis with funded test accounts, real signed
 * transactions, blocks executed through {@link BlockExecution}, the state root maintained, and the
 * docs/spec/chain.md §8 invariants checked after every block.
 */
public final class TestChain {

    public static final long TAO = ChainParams.RAO_PER_TAO;
    public static final byte[] GENESIS_HASH = Blake2b.hash256("tao4j test genesis".getBytes());

    private final MemoryKeyValueStore kv = new MemoryKeyValueStore();
    private final MemoryKeyValueStore nodes = new MemoryKeyValueStore();
    private final Runtime runtime = new Runtime(GENESIS_HASH);
    private final Map<AccountId, Long> nonces = new HashMap<>();
    private byte[] root;
    private long number;
    private final List<Event> lastEvents = new ArrayList<>();
    private final List<ApplyResult> lastResults = new ArrayList<>();
    private boolean checkInvariants = true;

    /** A deterministic test key: seed = Blake2b-256("tao4j-test//" + name). */
    public static Ed25519.KeyPair key(String name) {
        return Ed25519.KeyPair.fromSeed(Blake2b.hash256(("tao4j-test//" + name).getBytes()));
    }

    public static AccountId id(String name) {
        return AccountId.of(key(name).publicKey());
    }

    /** Dev params, each named account endowed with {@code endowment} rao. */
    public TestChain(ChainParams params, long endowment, String... accounts) {
        List<Genesis.Endowment> e = new ArrayList<>();
        for (String a : accounts) {
            e.add(new Genesis.Endowment(id(a), endowment));
        }
        Genesis.build(kv, new Genesis.Config("test", false, params, e, id("sudo")));
        root = StateRoot.ofWholeState(nodes, kv).root();
    }

    public TestChain(String... accounts) {
        this(ChainParams.dev(), 1_000_000 * TAO, accounts);
    }

    public Runtime runtime() {
        return runtime;
    }

    public ChainState state() {
        return new ChainState(kv);
    }

    public long number() {
        return number;
    }

    public byte[] root() {
        return root.clone();
    }

    public void disableInvariantChecks() {
        checkInvariants = false;
    }

    /** Signs {@code call} as {@code who} with the next nonce this test has not used yet. */
    public Extrinsic tx(String who, Call call) {
        AccountId a = id(who);
        long n = nonces.getOrDefault(a, state().account(a).nonce());
        nonces.put(a, n + 1);
        return Extrinsic.sign(key(who), n, 0, number + 100, call, GENESIS_HASH);
    }

    /** Executes one block with the given transactions; returns the apply results in order. */
    public List<ApplyResult> block(Extrinsic... txs) {
        BlockExecution b = runtime.begin(kv, number + 1);
        lastResults.clear();
        for (Extrinsic x : txs) {
            lastResults.add(b.apply(x));
        }
        BlockExecution.Outcome out = b.finish();
        root = StateRoot.update(nodes, root, out.changes()).root();
        for (var ch : out.changes().entrySet()) {
            if (ch.getValue() == null) {
                kv.delete(ch.getKey());
            } else {
                kv.put(ch.getKey(), ch.getValue());
            }
        }
        number = out.number();
        lastEvents.clear();
        lastEvents.addAll(out.events());
        nonces.clear();
        if (checkInvariants) {
            assertInvariants();
        }
        return List.copyOf(lastResults);
    }

    /** Runs one transaction in its own block and requires it to succeed. */
    public ApplyResult.Included ok(String who, Call call) {
        ApplyResult r = block(tx(who, call)).get(0);
        assertThat(r).as("%s by %s", call, who).isInstanceOf(ApplyResult.Included.class);
        ApplyResult.Included inc = (ApplyResult.Included) r;
        assertThat(inc.error())
                .as("%s by %s failed: %s", call.getClass().getSimpleName(), who, inc.message())
                .isNull();
        return inc;
    }

    /** Runs one transaction in its own block and requires the call to fail with {@code error}. */
    public ApplyResult.Included fails(String who, Call call, String error) {
        ApplyResult r = block(tx(who, call)).get(0);
        assertThat(r).isInstanceOf(ApplyResult.Included.class);
        ApplyResult.Included inc = (ApplyResult.Included) r;
        assertThat(inc.error())
                .as("%s by %s (%s)", call.getClass().getSimpleName(), who, inc.message())
                .isEqualTo(error);
        return inc;
    }

    /** Empty blocks. */
    public void advance(int blocks) {
        for (int i = 0; i < blocks; i++) {
            block();
        }
    }

    public List<Event> events() {
        return List.copyOf(lastEvents);
    }

    public long free(String who) {
        return state().free(id(who));
    }

    /** docs/spec/chain.md §8 after every block. */
    public void assertInvariants() {
        ChainState s = state();
        long free = 0;
        for (Pair<AccountId, org.tao4j.runtime.schema.Account> a : s.accounts()) {
            long f = a.second().free();
            assertThat(f).as("balance of %s", a.first()).isNotNegative();
            if (f != 0) {
                assertThat(f)
                        .as("balance of %s vs existential deposit", a.first())
                        .isGreaterThanOrEqualTo(s.params().existentialDeposit());
            }
            free += f;
        }
        long stake = 0;
        for (Pair<AccountId, Long> h : s.hotkeyStakes()) {
            long sum = 0;
            for (Pair<AccountId, Long> st : s.stakers(h.first())) {
                assertThat(st.second()).isPositive();
                sum += st.second();
            }
            assertThat(sum).as("stakers of %s add up to its total", h.first()).isEqualTo(h.second());
            assertThat(s.owner(h.first()))
                    .as("stake on %s, which has no owner (orphaned)", h.first())
                    .isNotNull();
            stake += h.second();
        }
        assertThat(s.totalStake()).as("total stake").isEqualTo(stake);
        long locks = 0;
        long pending = 0;
        for (SubnetInfo sn : s.subnets()) {
            // no uid held by two hotkeys, and the hotkey -> uid index agrees with the neurons (swaps re-key both)
            java.util.Set<AccountId> seen = new java.util.HashSet<>();
            List<org.tao4j.runtime.schema.NeuronInfo> ns = s.neurons(sn.netuid());
            for (int uid = 0; uid < ns.size(); uid++) {
                AccountId hk = ns.get(uid).hotkey();
                assertThat(seen.add(hk))
                        .as("hotkey %s holds two uids on subnet %d", hk, sn.netuid())
                        .isTrue();
                assertThat(s.uid(sn.netuid(), hk))
                        .as("uid index of %s on subnet %d", hk, sn.netuid())
                        .isEqualTo(uid);
            }
            locks += sn.lock();
            pending += sn.pendingEmission();
            // docs/spec/chain.md §5: a period floor is a stake held, on a hotkey registered on the subnet
            for (ChainState.PeriodFloor f : s.periodFloors(sn.netuid())) {
                assertThat(f.floor())
                        .as("period floor of %s on %s, subnet %d", f.coldkey(), f.hotkey(), sn.netuid())
                        .isBetween(0L, s.stake(f.hotkey(), f.coldkey()));
                assertThat(s.uid(sn.netuid(), f.hotkey()))
                        .as("floor of an unregistered hotkey")
                        .isNotNegative();
            }
            // docs/spec/chain.md §5 "Childkeys": at most 5 children summing to at most 1, the parents index
            // in step, and lending moves subnet stake around without creating any
            long own = 0;
            long onSubnet = 0;
            for (org.tao4j.runtime.schema.NeuronInfo nu : s.neurons(sn.netuid())) {
                java.util.List<ChainState.Link> children = s.children(sn.netuid(), nu.hotkey());
                assertThat(children.size()).as("children of %s", nu.hotkey()).isLessThanOrEqualTo(5);
                java.math.BigInteger sum = java.math.BigInteger.ZERO;
                for (ChainState.Link l : children) {
                    sum = sum.add(new java.math.BigInteger(Long.toUnsignedString(l.proportion())));
                    assertThat(s.parents(sn.netuid(), l.hotkey()))
                            .as("parents index of %s", l.hotkey())
                            .contains(new ChainState.Link(l.proportion(), nu.hotkey()));
                }
                // the pending-parents index matches the pending lists, both ways (swap_hotkey relies on it, §10)
                ChainState.PendingChildren pc = s.pendingChildren(sn.netuid(), nu.hotkey());
                for (ChainState.Link l : pc == null ? List.<ChainState.Link>of() : pc.children()) {
                    assertThat(s.pendingParents(sn.netuid(), l.hotkey()))
                            .as("pending-parents index of %s", l.hotkey())
                            .contains(nu.hotkey());
                }
                for (AccountId parent : s.pendingParents(sn.netuid(), nu.hotkey())) {
                    ChainState.PendingChildren pp = s.pendingChildren(sn.netuid(), parent);
                    assertThat(pp)
                            .as("pending list of %s named by the index", parent)
                            .isNotNull();
                    assertThat(pp.children())
                            .extracting(ChainState.Link::hotkey)
                            .contains(nu.hotkey());
                }
                assertThat(sum)
                        .as("proportions of %s", nu.hotkey())
                        .isLessThanOrEqualTo(org.tao4j.runtime.staking.Childkeys.ONE);
                long sub = org.tao4j.runtime.staking.Childkeys.subnetStake(s, sn.netuid(), nu.hotkey());
                assertThat(sub).as("subnet stake of %s", nu.hotkey()).isNotNegative();
                own += s.totalHotkeyStake(nu.hotkey());
                onSubnet += sub;
            }
            assertThat(onSubnet).as("subnet stakes of subnet %d", sn.netuid()).isLessThanOrEqualTo(own);
        }
        // docs/spec/chain.md §12: what open payment channels hold is issuance, neither free nor stake
        long channels = 0;
        for (ChainState.Channel ch : s.channels()) {
            assertThat(ch.claimed()).as("claimed of channel %s", ch.id()).isBetween(0L, ch.deposit());
            channels += ch.locked();
        }
        assertThat(s.channelsLocked()).as("total locked in channels").isEqualTo(channels);
        assertThat(s.totalIssuance())
                .as("issuance == free + stake + locks + pending + channels")
                .isEqualTo(free + stake + locks + pending + channels);
        assertThat(s.totalIssuance()).isLessThanOrEqualTo(21_000_000L * TAO);
    }
}
