package org.tao4j.runtime;

import static org.tao4j.runtime.TestChain.id;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.staking.Staking;

/**
 * A subnet written straight into a {@link TestChain}'s committed state, between blocks, for tests
 * of weights, staking and epochs while {@code register_network} and {@code burned_register} are
 * written elsewhere. Once they land, these tests should create subnets through transactions.
 *
 * <p>What it writes, and how it keeps docs/spec/chain.md §8 (issuance = free + stake + locks + pending):
 * <ul>
 *   <li>{@link #create}: a {@link SubnetInfo} with no lock and nothing pending, default
 *       {@link Hyperparams}, and the owner's hotkey as uid 0 (as register_network does);</li>
 *   <li>{@link #neuron}: the next uid, {@code registered_at = last_update =} the last executed block
 *       (as burned_register does, but without a burn), the hotkey's owner if it has none;</li>
 *   <li>{@link #stake}: moves rao from the coldkey's free balance to stake with
 *       {@link Staking#creditStake}, so issuance is unchanged;</li>
 *   <li>{@link #addPending}: mints rao straight into the subnet's pending emission (issuance rises
 *       with it), to make a payout exact or odd;</li>
 *   <li>{@link #hyperparams} and {@link #permit}: plain writes.</li>
 * </ul>
 * The writes bypass the block's state root: {@link TestChain#root()} no longer covers the whole
 * state after them, which these tests do not look at.
 */
public final class SubnetFixture {

    private final TestChain chain;
    private final int netuid;

    private SubnetFixture(TestChain chain, int netuid) {
        this.chain = chain;
        this.netuid = netuid;
    }

    /** A subnet owned by {@code ownerColdkey}, with {@code ownerHotkey} registered as uid 0. */
    public static SubnetFixture create(TestChain chain, int netuid, String ownerColdkey, String ownerHotkey) {
        ChainState s = chain.state();
        if (s.subnetExists(netuid)) {
            throw new IllegalStateException("subnet " + netuid + " exists");
        }
        ChainParams p = s.params();
        s.setSubnet(new SubnetInfo(
                netuid,
                id(ownerColdkey),
                id(ownerHotkey),
                chain.number(),
                0,
                p.newSubnetBurn(),
                -1,
                0,
                0,
                0,
                0,
                -1,
                0));
        s.setHyperparams(netuid, Hyperparams.defaults(p));
        SubnetFixture f = new SubnetFixture(chain, netuid);
        f.neuron(ownerHotkey, ownerColdkey);
        return f;
    }

    public int netuid() {
        return netuid;
    }

    public ChainState state() {
        return chain.state();
    }

    /** Registers {@code hotkey} (owned by {@code coldkey}) as the next uid at the last executed block. */
    public int neuron(String hotkey, String coldkey) {
        ChainState s = chain.state();
        AccountId hk = id(hotkey);
        AccountId owner = s.owner(hk);
        if (owner != null && !owner.equals(id(coldkey))) {
            throw new IllegalStateException(hotkey + " is owned by another coldkey");
        }
        if (s.uid(netuid, hk) >= 0) {
            throw new IllegalStateException(hotkey + " is already registered on subnet " + netuid);
        }
        SubnetInfo sn = s.subnet(netuid);
        int uid = sn.n();
        s.setNeuron(netuid, uid, NeuronInfo.fresh(hk, chain.number()));
        s.setUid(netuid, hk, uid);
        s.setOwner(hk, id(coldkey));
        s.setSubnet(sn.withRegistration(chain.number(), uid + 1, sn.burn()));
        return uid;
    }

    /** {@code coldkey} stakes {@code amount} rao of its free balance on {@code hotkey}. */
    public SubnetFixture stake(String hotkey, String coldkey, long amount) {
        ChainState s = chain.state();
        Account acc = s.account(id(coldkey));
        long left = acc.free() - amount;
        if (left < 0 || (left > 0 && left < s.params().existentialDeposit())) {
            throw new IllegalStateException(coldkey + " cannot stake " + amount + " of " + acc.free() + " rao");
        }
        s.setAccount(id(coldkey), new Account(left, acc.nonce()));
        Staking.creditStake(s, id(hotkey), id(coldkey), amount);
        return this;
    }

    /** Mints {@code amount} rao into the subnet's pending emission. */
    public SubnetFixture addPending(long amount) {
        ChainState s = chain.state();
        SubnetInfo sn = s.subnet(netuid);
        s.setSubnet(sn.withPendingEmission(sn.pendingEmission() + amount));
        s.setTotalIssuance(s.totalIssuance() + amount);
        return this;
    }

    public SubnetFixture hyperparams(UnaryOperator<Hyperparams> change) {
        ChainState s = chain.state();
        s.setHyperparams(netuid, change.apply(s.hyperparams(netuid)));
        return this;
    }

    public Hyperparams hyperparams() {
        return chain.state().hyperparams(netuid);
    }

    /** Sets the stored validator permit of {@code uid} (the epoch recomputes it). */
    public SubnetFixture permit(int uid, boolean permit) {
        ChainState s = chain.state();
        NeuronInfo n = s.neuron(netuid, uid);
        s.setNeuron(
                netuid,
                uid,
                n.withEpoch(
                        permit,
                        n.active(),
                        n.consensus(),
                        n.incentive(),
                        n.dividends(),
                        n.validatorTrust(),
                        n.emission()));
        return this;
    }

    public int uid(String hotkey) {
        return chain.state().uid(netuid, id(hotkey));
    }

    public NeuronInfo neuronInfo(int uid) {
        return chain.state().neuron(netuid, uid);
    }

    public SubnetInfo info() {
        return chain.state().subnet(netuid);
    }

    /** Whether the next block runs this subnet's epoch. */
    public boolean epochNext() {
        return Coinbase.epochDue(chain.number() + 1, netuid, hyperparams().tempo());
    }

    /** Empty blocks up to the one before this subnet's next epoch. */
    public void advanceToBeforeEpoch() {
        while (!epochNext()) {
            chain.block();
        }
    }

    /** Empty blocks up to and including this subnet's next epoch; returns that block's events. */
    public List<Event> runEpoch() {
        advanceToBeforeEpoch();
        chain.block();
        return chain.events();
    }
}
