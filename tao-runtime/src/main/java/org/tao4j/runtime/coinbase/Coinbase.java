package org.tao4j.runtime.coinbase;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.governance.Governance;
import org.tao4j.runtime.neurons.Registration;
import org.tao4j.runtime.root.Root;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.SubnetInfo;

/**
 * The block step after the transactions (docs/spec/chain.md §7 steps 2-4): burn decay, minting the block
 * emission into owner cuts and pending emission, and running every epoch that is due, root first.
 */
public final class Coinbase {

    private Coinbase() {}

    public static void onBlock(ChainState s, long block, List<Event> events) {
        Registration.decayBurns(s);
        distributeBlockEmission(s, block, events);
        runDueEpochs(s, block, events);
        Governance.onBlock(s, block, events);
    }

    /** docs/spec/chain.md §3: subnet {@code netuid} runs its epoch when {@code (block + netuid + 1) % (tempo + 1) == 0}. */
    public static boolean epochDue(long block, int netuid, int tempo) {
        return (block + netuid + 1) % ((long) tempo + 1) == 0;
    }

    static void runDueEpochs(ChainState s, long block, List<Event> events) {
        ChainParams p = s.params();
        if (epochDue(block, 0, p.rootTempo())) {
            Root.rootEpoch(s, block, events);
        }
        for (SubnetInfo sn : s.subnets()) {
            if (sn.netuid() == 0) {
                continue;
            }
            Hyperparams h = s.hyperparams(sn.netuid());
            if (epochDue(block, sn.netuid(), h.tempo())) {
                SubnetEpoch.run(s, sn.netuid(), block, events);
            }
        }
    }

    /**
     * Mints {@code block_emission(issuance)} split by the subnets' emission shares: the owner cut goes
     * to the owner's free balance, the rest to the subnet's pending emission. The root network's own
     * share is withheld (not minted). A subnet whose registration is closed gets nothing; its share
     * goes to the open subnets in proportion to their shares (docs/spec/chain.md §6). Rounding dust goes
     * to the open subnet with the largest share (lowest netuid on a tie), so that what is minted
     * follows the halving schedule to the rao.
     */
    static void distributeBlockEmission(ChainState s, long block, List<Event> events) {
        long emission = EmissionSchedule.blockEmission(s.totalIssuance());
        List<SubnetInfo> subnets = new ArrayList<>();
        long shareSum = 0;
        long rootShare = 0;
        for (SubnetInfo sn : s.subnets()) {
            if (sn.netuid() == 0) {
                rootShare = sn.emissionShare();
            } else {
                subnets.add(sn);
                shareSum += sn.emissionShare();
            }
        }
        boolean[] open = new boolean[subnets.size()];
        for (int i = 0; i < open.length; i++) {
            open[i] = s.hyperparams(subnets.get(i).netuid()).registrationAllowed();
        }
        long[] amounts = split(emission, subnets, open, shareSum, rootShare);
        ChainParams p = s.params();
        long minted = 0;
        for (int i = 0; i < amounts.length; i++) {
            SubnetInfo sn = subnets.get(i);
            long amount = amounts[i];
            long cut = BigInteger.valueOf(amount)
                    .multiply(BigInteger.valueOf(p.ownerCutPpm()))
                    .divide(BigInteger.valueOf(ChainParams.PPM))
                    .longValue();
            if (cut > 0) {
                Balances.deposit(s, sn.owner(), cut);
                events.add(new Event.OwnerCut(sn.netuid(), sn.owner(), cut));
            }
            s.setSubnet(
                    sn.withPendingEmission(sn.pendingEmission() + amount - cut).withEmissionValue(amount));
            minted += amount;
        }
        if (minted > 0) {
            Balances.mint(s, minted);
            events.add(new Event.Minted(minted, s.totalIssuance()));
        }
    }

    /**
     * Each subnet's part of {@code emission} (docs/spec/chain.md §6), in the order of {@code subnets}:
     * <ul>
     *   <li>with no share anywhere (no root weight yet), equal parts for the open subnets;</li>
     *   <li>all shares on root: nothing (the root share is withheld);</li>
     *   <li>otherwise, with S the sum of all subnet shares and S_open that of the open ones,
     *       {@code withheld = floor(E · root / (S + root))} and open subnet k gets
     *       {@code floor(E · s_k · S / ((S + root) · S_open))}, its part of {@code E − withheld}; the dust
     *       {@code E − withheld − Σ parts} goes to the largest open share (lowest netuid on a tie). Closed
     *       subnets get 0, and so does everyone when no open subnet has a share.</li>
     * </ul>
     */
    public static long[] split(long emission, List<SubnetInfo> subnets, boolean[] open, long shareSum, long rootShare) {
        long[] amounts = new long[subnets.size()];
        if (subnets.isEmpty() || emission == 0 || (shareSum == 0 && rootShare != 0)) {
            // nothing to give, or all weight is on the root network: that share is withheld (docs/spec/chain.md §6)
            return amounts;
        }
        long[] shares = new long[subnets.size()];
        long withheld = 0;
        if (shareSum == 0) {
            // no root weights yet: equal split among subnets that allow registration (docs/spec/chain.md §6)
            for (int i = 0; i < shares.length; i++) {
                shares[i] = open[i] ? 1 : 0;
            }
        } else {
            withheld = BigInteger.valueOf(emission)
                    .multiply(BigInteger.valueOf(rootShare))
                    .divide(BigInteger.valueOf(shareSum).add(BigInteger.valueOf(rootShare)))
                    .longValue();
            for (int i = 0; i < shares.length; i++) {
                shares[i] = open[i] ? subnets.get(i).emissionShare() : 0;
            }
        }
        long openSum = 0;
        int largest = -1;
        for (int i = 0; i < shares.length; i++) {
            openSum += shares[i];
            if (shares[i] > 0 && (largest < 0 || shares[i] > shares[largest])) {
                largest = i;
            }
        }
        if (openSum == 0) {
            return amounts; // no open subnet has a share: not minted (docs/spec/chain.md §6)
        }
        // E · s_k · S / ((S + root) · S_open): the exact part of E − withheld for s_k / S_open. With no
        // subnet closed (S_open = S) it is E · s_k / (S + root), the rule before closed subnets existed.
        long allSum = shareSum == 0 ? openSum : shareSum;
        long rootPart = shareSum == 0 ? 0 : rootShare;
        BigInteger num = BigInteger.valueOf(emission).multiply(BigInteger.valueOf(allSum));
        BigInteger den =
                BigInteger.valueOf(allSum).add(BigInteger.valueOf(rootPart)).multiply(BigInteger.valueOf(openSum));
        long given = 0;
        for (int i = 0; i < shares.length; i++) {
            amounts[i] = num.multiply(BigInteger.valueOf(shares[i])).divide(den).longValue();
            given += amounts[i];
        }
        amounts[largest] += emission - withheld - given;
        return amounts;
    }
}
