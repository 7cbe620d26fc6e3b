package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.client.TestNodes.TAO;
import static org.tao4j.client.TestNodes.id;
import static org.tao4j.client.TestNodes.key;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.client.model.Balance;
import org.tao4j.client.model.BlockEvents;
import org.tao4j.client.model.ColdkeyStake;
import org.tao4j.client.model.Delegate;
import org.tao4j.client.model.Emission;
import org.tao4j.client.model.FeeInfo;
import org.tao4j.client.model.Header;
import org.tao4j.client.model.HotkeyStake;
import org.tao4j.client.model.LockCost;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Neuron;
import org.tao4j.client.model.SignedBlock;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.Supply;
import org.tao4j.client.model.SystemProperties;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Every typed query against a real --dev node (instant sealing) on which the tests first create a
 * subnet (Alice, owner hotkey A), register a second neuron (Charlie, hotkey C) and stake on it.
 */
class QueriesTest {

    static Node node;
    static TaoClient client;
    static final AccountId HOT_A = AccountId.of(TestNodes.newKey("hotA").publicKey());
    static final AccountId HOT_C = AccountId.of(TestNodes.newKey("hotC").publicKey());
    static final long STAKE = 100 * TAO;
    static TxOutcome.Finalized registered;
    static H256 beforeSetup;

    @BeforeAll
    static void setUp() throws Exception {
        node = TestNodes.instant();
        client = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions());
        beforeSetup = client.finalizedHead();
        registered = finalized(client.tx(key("Alice"), new Call.RegisterNetwork(HOT_A))
                .submitAndWatch()
                .await());
        finalized(client.tx(key("Charlie"), new Call.BurnedRegister(1, HOT_C))
                .submitAndWatch()
                .await());
        finalized(client.tx(key("Charlie"), new Call.AddStake(HOT_C, STAKE))
                .submitAndWatch()
                .await());
    }

    static TxOutcome.Finalized finalized(TxOutcome o) {
        assertThat(o).isInstanceOf(TxOutcome.Finalized.class);
        TxOutcome.Finalized f = (TxOutcome.Finalized) o;
        assertThat(f.success())
                .as("%s: %s %s", f.txHash(), f.error(), f.errorMessage())
                .isTrue();
        return f;
    }

    @AfterAll
    static void tearDown() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void system() {
        assertThat(client.systemChain()).isEqualTo("Development");
        assertThat(client.systemName()).isEqualTo("tao4j");
        assertThat(client.systemVersion()).isEqualTo(Node.VERSION);
        SystemProperties p = client.systemProperties();
        assertThat(p.tokenSymbol()).isEqualTo("TAO");
        assertThat(p.tokenDecimals()).isEqualTo(9);
        assertThat(p.ss58Format()).isEqualTo(42);
        assertThat(p.genesisHash()).isEqualTo(node.chain().genesisHash());
        assertThat(p.live()).isFalse();
        assertThat(client.systemHealth().isSyncing()).isFalse();
        assertThat(client.rpcMethods()).contains("tao_getMetagraph", "author_submitAndWatchExtrinsic");
    }

    @Test
    void chain() {
        Header head = client.head();
        assertThat(head.number()).isGreaterThanOrEqualTo(3);
        assertThat(head.hash()).isEqualTo(node.chain().head().hash());
        assertThat(head.author()).isEqualTo(id("Alice"));
        assertThat(client.finalizedHead()).isEqualTo(head.hash());
        assertThat(client.genesisHash()).isEqualTo(node.chain().genesisHash());
        Header one = client.header(1).orElseThrow();
        assertThat(one.number()).isEqualTo(1);
        assertThat(one.parentHash()).isEqualTo(client.genesisHash());
        assertThat(client.header(one.hash())).contains(one);
        assertThat(client.header(head.number() + 100)).isEmpty();
        assertThat(client.header(new H256(new byte[32]))).isEmpty();
        assertThat(client.blockHash(head.number() + 100)).isEmpty();
        SignedBlock b = client.block(registered.blockHash()).orElseThrow();
        assertThat(b.header().hash()).isEqualTo(registered.blockHash());
        assertThat(b.extrinsicHashes()).contains(registered.txHash());
        assertThat(b.extrinsic(registered.index()).call()).isEqualTo(new Call.RegisterNetwork(HOT_A));
        assertThat(client.block().header().number()).isGreaterThanOrEqualTo(head.number());
        assertThat(client.block(1L).orElseThrow().header()).isEqualTo(one);
    }

    @Test
    void balancesNoncesAndHistory() {
        Balance alice = client.balance(id("Alice"));
        assertThat(alice.address()).isEqualTo(id("Alice"));
        assertThat(alice.nonce()).isEqualTo(1);
        assertThat(alice.blockNumber()).isEqualTo(client.head().number());
        assertThat(client.nextNonce(id("Alice"))).isEqualTo(1);
        assertThat(client.nextNonce(id("Ferdie"))).isZero();
        Balance before = client.balance(id("Alice"), beforeSetup);
        assertThat(before.free()).isEqualTo(1_000_000 * TAO);
        assertThat(before.nonce()).isZero();
        long lock = registered.eventsOfType("NetworkRegistered").get(0).longField("lock");
        // at the registering block: the lock, the fee, and (from this block on) the owner cut of subnet 1
        long ownerCut = client.events(registered.blockHash()).ofType("OwnerCut").stream()
                .filter(e -> id("Alice").equals(e.account("owner")))
                .mapToLong(e -> e.longField("amount"))
                .sum();
        assertThat(client.balance(id("Alice"), registered.blockHash()).free())
                .isEqualTo(before.free() - lock - registered.fee() + ownerCut);
        Balance charlie = client.balance(id("Charlie"));
        assertThat(charlie.staked()).isEqualTo(STAKE);
        assertThatThrownBy(() -> client.balance(id("Alice"), H256.fromHex("0x" + "ab".repeat(32))))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcException.UNKNOWN_BLOCK));
    }

    @Test
    void stake() {
        ColdkeyStake cs = client.stakeForColdkey(id("Charlie"));
        assertThat(cs.coldkey()).isEqualTo(id("Charlie"));
        assertThat(cs.stakes()).containsExactly(new ColdkeyStake.Entry(HOT_C, STAKE));
        assertThat(cs.total()).isEqualTo(STAKE);
        HotkeyStake hs = client.stakeForHotkey(HOT_C);
        assertThat(hs.owner()).isEqualTo(id("Charlie"));
        assertThat(hs.takePpm()).isEqualTo(180_000);
        assertThat(hs.total()).isEqualTo(STAKE);
        assertThat(hs.stakers()).containsExactly(new HotkeyStake.Staker(id("Charlie"), STAKE));
        assertThat(client.stakeForHotkey(id("Eve")).owner()).isNull();
        List<Delegate> ds = client.delegates();
        assertThat(ds).extracting(Delegate::hotkey).contains(HOT_C);
        Delegate d =
                ds.stream().filter(x -> x.hotkey().equals(HOT_C)).findFirst().orElseThrow();
        assertThat(d.totalStake()).isEqualTo(STAKE);
        assertThat(d.nominators()).containsExactly(new Delegate.Nominator(id("Charlie"), STAKE));
        assertThat(d.registrations()).containsExactly(1);
        assertThat(client.rootWeights()).isEmpty();
        // no root members: no senate, no proposals
        org.tao4j.client.model.Proposals gov = client.proposals();
        assertThat(gov.senate()).isEmpty();
        assertThat(gov.proposals()).isEmpty();
        // commit-reveal is off on subnet 1: nothing pending, and the answer says why
        org.tao4j.client.model.PendingCommits pc = client.pendingCommits(1, null);
        assertThat(pc.netuid()).isEqualTo(1);
        assertThat(pc.commitRevealEnabled()).isFalse();
        assertThat(pc.hotkeys()).isEmpty();
        assertThat(client.pendingCommits(1, HOT_A).hotkeys()).isEmpty();
    }

    @Test
    void subnetsNeuronsAndMetagraph() {
        List<Subnet> subnets = client.subnets();
        assertThat(subnets).extracting(Subnet::netuid).containsExactly(0, 1);
        Subnet s = client.subnet(1).orElseThrow();
        assertThat(s.owner()).isEqualTo(id("Alice"));
        assertThat(s.ownerHotkey()).isEqualTo(HOT_A);
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.lock()).isEqualTo(client.params().minLock());
        assertThat(s.burn()).isPositive();
        assertThat(s.hyperparams()).isNotNull();
        assertThat(s.hyperparams().tempo()).isEqualTo(client.params().defaultTempo());
        assertThat(s.hyperparams().registrationAllowed()).isTrue();
        assertThat(s.emissionShare()).isNotNull();
        assertThat(client.subnet(7)).isEmpty();

        Neuron c = client.neuron(1, 1).orElseThrow();
        assertThat(c.hotkey()).isEqualTo(HOT_C);
        assertThat(c.coldkey()).isEqualTo(id("Charlie"));
        assertThat(c.stake()).isEqualTo(STAKE);
        assertThat(c.axon()).isNull();
        assertThat(client.neuron(1, 5)).isEmpty();
        assertThatThrownBy(() -> client.neuron(9, 0))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcException.INVALID_PARAMS));

        MetagraphView all = client.metagraph(1);
        assertThat(all.netuid()).isEqualTo(1);
        assertThat(all.n()).isEqualTo(2);
        for (MetagraphField f : MetagraphField.values()) {
            assertThat(all.has(f)).as(f.wireName()).isTrue();
        }
        assertThat(all.hotkeys()).containsExactly(HOT_A, HOT_C);
        assertThat(all.coldkeys()).containsExactly(id("Alice"), id("Charlie"));
        assertThat(all.stake()).containsExactly(0L, STAKE);
        assertThat(all.validatorPermit()).hasSize(2);
        assertThat(all.axons()).containsExactly(null, null);
        assertThat(all.weights()).hasSize(2);
        assertThat(all.block()).isNotNull();

        MetagraphView some = client.metagraph(1, EnumSet.of(MetagraphField.STAKE, MetagraphField.HOTKEYS));
        assertThat(some.stake()).containsExactly(0L, STAKE);
        assertThat(some.hotkeys()).hasSize(2);
        assertThat(some.has(MetagraphField.INCENTIVE)).isFalse();
        assertThat(some.incentive()).isNull();
        assertThat(some.coldkeys()).isNull();

        MetagraphView past = client.metagraph(1, null, registered.blockHash());
        assertThat(past.n()).isEqualTo(1);
        assertThat(past.blockNumber()).isEqualTo(registered.blockNumber());
        assertThatThrownBy(() -> client.metagraph(3))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void emissionLockCostSupplyParams() {
        Emission e = client.emission();
        assertThat(e.blockEmission()).isEqualTo(TAO);
        assertThat(e.totalIssuance()).isPositive();
        assertThat(e.subnets()).extracting(Emission.SubnetEmission::netuid).containsExactly(0, 1);
        assertThat(e.subnets().get(0).emissionShare()).isInstanceOf(BigDecimal.class);
        assertThat(client.pendingEmission()).hasSize(2);
        assertThat(client.pendingEmission(1).netuid()).isEqualTo(1);
        assertThatThrownBy(() -> client.pendingEmission(42)).isInstanceOf(RpcException.class);

        LockCost lc = client.lockCost();
        ChainParams p = client.params();
        assertThat(lc.minLock()).isEqualTo(p.minLock());
        assertThat(lc.lastLock()).isEqualTo(p.minLock());
        assertThat(lc.lockCost()).isGreaterThan(p.minLock());
        assertThat(lc.block()).isEqualTo(client.head().number() + 1);
        assertThat(client.lockCost(beforeSetup).lockCost()).isEqualTo(p.minLock());

        Supply s = client.supply();
        assertThat(s.invariantHolds()).isTrue();
        assertThat(s.totalIssuance()).isEqualTo(s.free() + s.stake() + s.locks() + s.pendingEmission());
        assertThat(s.stake()).isEqualTo(STAKE);
        assertThat(s.locks()).isEqualTo(p.minLock());
        assertThat(s.accounts()).isGreaterThanOrEqualTo(6);

        assertThat(p).isEqualTo(ChainParams.dev());
        assertThat(p.baseFee()).isEqualTo(100_000);
    }

    @Test
    void eventsAndFees() {
        BlockEvents ev = client.events(registered.blockHash());
        assertThat(ev.block()).isEqualTo(registered.blockHash());
        assertThat(ev.blockNumber()).isEqualTo(registered.blockNumber());
        assertThat(ev.ofType("NetworkRegistered")).hasSize(1);
        Event.NetworkRegistered nr = ev.ofType("NetworkRegistered").get(0).as(Event.NetworkRegistered.class);
        assertThat(nr)
                .isEqualTo(new Event.NetworkRegistered(
                        1, id("Alice"), HOT_A, client.params().minLock()));
        assertThat(ev.events())
                .allSatisfy(x -> assertThat(x.event()).as(x.type()).isNotNull());
        assertThat(client.events().block()).isEqualTo(client.head().hash());
        assertThatThrownBy(() -> client.events(H256.fromHex("0x" + "cd".repeat(32))))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcException.UNKNOWN_BLOCK));

        Extrinsic x =
                client.tx(key("Dave"), new Call.Transfer(id("Eve"), TAO)).tip(7).sign();
        FeeInfo f = client.feeInfo(x);
        assertThat(f.isValid()).isTrue();
        assertThat(f.reason()).isNull();
        assertThat(f.fee()).isEqualTo(Runtime.fee(client.params(), x));
        assertThat(f.fee()).isEqualTo(f.baseFee() + f.lengthFee() + f.tip());
        assertThat(f.tip()).isEqualTo(7);
        assertThat(f.length()).isEqualTo(x.encodedLength());
        assertThat(f.hash()).isEqualTo(new H256(x.hash()));
        assertThat(client.feeOf(x)).isEqualTo(f.fee());
        Extrinsic ahead = client.tx(key("Dave"), new Call.Transfer(id("Eve"), TAO))
                .nonce(5)
                .sign();
        assertThat(client.feeInfo(ahead).validity()).isEqualTo("future");
        assertThat(client.feeInfo(ahead).reason()).contains("ahead");
    }

    @Test
    void httpServesTheSameQueries() {
        try (TaoClient http = TaoClient.connect(TestNodes.http(node), TestNodes.fastOptions())) {
            assertThat(http.systemChain()).isEqualTo("Development");
            assertThat(http.metagraph(1).hotkeys()).containsExactly(HOT_A, HOT_C);
            assertThat(http.balance(id("Charlie"))).isEqualTo(client.balance(id("Charlie")));
            assertThatThrownBy(() -> http.neuron(9, 0)).isInstanceOf(RpcException.class);
            assertThat(http.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void rawCalls() {
        assertThat(client.call("system_chain").asText()).isEqualTo("Development");
        assertThat(client.call(Long.class, "system_accountNextIndex", id("Bob")))
                .isZero();
        assertThatThrownBy(() -> client.call("no_such_method")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(RpcException.METHOD_NOT_FOUND);
            assertThat(e.rpcMessage()).contains("no_such_method");
            assertThat(e.isRetryable()).isFalse();
        });
        assertThatThrownBy(() -> client.call("chain_getBlockHash", "twelve"))
                .isInstanceOfSatisfying(
                        RpcException.class,
                        e -> assertThat(e.getMessage()).contains("'number'").contains("-32602"));
    }
}
