package org.tao4j.runtime;

import static org.tao4j.runtime.TestChain.id;

import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * Test fixture for the root and governance tests. Staking (docs/spec/chain.md §5) and subnet registration
 * (docs/spec/chain.md §3) are other modules, so these tests create what they need straight in state,
 * between blocks, keeping every docs/spec/chain.md §8 invariant that {@link TestChain} checks:
 * <ul>
 *   <li>{@link #stake}: what {@code add_stake} does: the coldkey's free balance goes down by the
 *       amount its stake on the hotkey goes up (and the hotkey total, and the total stake);
 *       an unowned hotkey becomes the coldkey's;</li>
 *   <li>{@link #subnet}: a subnet with default hyperparameters, no lock and no neurons, whose epoch
 *       never falls due within a test ({@link #FAR_TEMPO}), so that only the root epoch runs;</li>
 *   <li>{@link #params}: dev parameters with the root and governance knobs the tests need.</li>
 * </ul>
 * These writes bypass the incremental state root of {@link TestChain}; no test here checks it.
 */
final class RootFixture {

    /** A tempo that no test reaches: the subnet epoch is another module's and not under test here. */
    static final int FAR_TEMPO = 1_000_000;

    private RootFixture() {}

    /** Moves {@code amount} rao of {@code coldkey}'s free balance into stake on {@code hotkey}. */
    static void stake(TestChain c, String coldkey, String hotkey, long amount) {
        ChainState s = c.state();
        AccountId ck = id(coldkey);
        AccountId hk = id(hotkey);
        AccountId owner = s.owner(hk);
        if (owner == null) {
            s.setOwner(hk, ck);
        }
        Account acc = s.account(ck);
        if (acc.free() - amount < s.params().existentialDeposit()) {
            throw new IllegalArgumentException(coldkey + " cannot stake " + amount + " rao: " + acc.free() + " free");
        }
        s.setAccount(ck, new Account(acc.free() - amount, acc.nonce()));
        s.setStake(hk, ck, s.stake(hk, ck) + amount);
        s.setTotalHotkeyStake(hk, s.totalHotkeyStake(hk) + amount);
        s.setTotalStake(s.totalStake() + amount);
    }

    /** Moves {@code amount} rao of stake on {@code hotkey} back to {@code coldkey}'s free balance. */
    static void unstake(TestChain c, String coldkey, String hotkey, long amount) {
        ChainState s = c.state();
        AccountId ck = id(coldkey);
        AccountId hk = id(hotkey);
        Account acc = s.account(ck);
        s.setAccount(ck, new Account(acc.free() + amount, acc.nonce()));
        s.setStake(hk, ck, s.stake(hk, ck) - amount);
        s.setTotalHotkeyStake(hk, s.totalHotkeyStake(hk) - amount);
        s.setTotalStake(s.totalStake() - amount);
    }

    /** Creates subnet {@code netuid} owned by {@code owner} (hotkey {@code owner + "-hk"}). */
    static void subnet(TestChain c, int netuid, String owner) {
        subnet(c, netuid, owner, true);
    }

    static void subnet(TestChain c, int netuid, String owner, boolean registrationAllowed) {
        ChainState s = c.state();
        ChainParams p = s.params();
        s.setSubnet(new SubnetInfo(
                netuid, id(owner), id(owner + "-hk"), c.number(), 0, p.newSubnetBurn(), -1, 0, 0, 0, 0, -1, 0));
        s.setHyperparams(
                netuid,
                Hyperparams.defaults(p)
                        .with(Hyperparameter.TEMPO, FAR_TEMPO)
                        .with(Hyperparameter.REGISTRATION_ALLOWED, registrationAllowed ? 1 : 0));
    }

    /**
     * Dev parameters with a chosen root size, root tempo, root-weights rate limit (the network rate
     * limit), senate size and proposal duration.
     */
    static ChainParams params(
            int rootSlots, int rootTempo, long networkRateLimit, int senateSize, long proposalDuration) {
        ChainParams d = ChainParams.dev();
        return new ChainParams(
                d.existentialDeposit(),
                d.baseFee(),
                d.perByteFee(),
                d.minLock(),
                d.lockReductionInterval(),
                networkRateLimit,
                d.subnetLimit(),
                d.networkImmunityPeriod(),
                d.defaultTempo(),
                rootTempo,
                d.defaultMaxAllowedValidators(),
                d.minStake(),
                d.maxTakePpm(),
                d.takeIncreaseRateLimit(),
                d.ownerCutPpm(),
                rootSlots,
                senateSize,
                proposalDuration,
                d.senateMinStakePpm(),
                d.newSubnetBurn(),
                d.defaultMinBurn(),
                d.defaultMaxBurn(),
                d.burnHalfLife(),
                d.maxPendingCommits(),
                d.maxWeightsPerCall());
    }
}
