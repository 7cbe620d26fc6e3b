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

    private Coinbase() {
    }

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
     * share is withheld (not minted). Rounding dust goes to the subnet with the largest share (lowest
     * netuid on a tie), so that what is minted follows the halving schedule to the rao.
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
        if (subnets.isEmpty() || emission == 0) {
            for (SubnetInfo sn : subnets) {
                s.setSubnet(sn.withEmissionValue(0));
            }
            return;
        }
        long[] shares = new long[subnets.size()];
        if (shareSum == 0 && rootShare != 0) {
            // all weight is on the root network: that share is withheld, nothing is minted (docs/spec/chain.md §6)
            for (SubnetInfo sn : subnets) {
                s.setSubnet(sn.withEmissionValue(0));
            }
            return;
        }
        if (shareSum == 0) {
            // no root weights yet: equal split among subnets that allow registration (docs/spec/chain.md §6)
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < subnets.size(); i++) {
                if (s.hyperparams(subnets.get(i).netuid()).registrationAllowed()) {
                    open.add(i);
                }
            }
            for (int i : open) {
                shares[i] = 1;
            }
            shareSum = open.size();
            rootShare = 0;
        } else {
            for (int i = 0; i < shares.length; i++) {
                shares[i] = subnets.get(i).emissionShare();
            }
        }
        if (shareSum == 0) {
            return;
        }
        BigInteger total = BigInteger.valueOf(shareSum).add(BigInteger.valueOf(rootShare));
        BigInteger e = BigInteger.valueOf(emission);
        long withheld = e.multiply(BigInteger.valueOf(rootShare)).divide(total).longValue();
        long[] amounts = new long[shares.length];
        long given = 0;
        int largest = 0;
        for (int i = 0; i < shares.length; i++) {
            amounts[i] = e.multiply(BigInteger.valueOf(shares[i])).divide(total).longValue();
            given += amounts[i];
            if (shares[i] > shares[largest]) {
                largest = i;
            }
        }
        amounts[largest] += emission - withheld - given;
        ChainParams p = s.params();
        long minted = 0;
        for (int i = 0; i < amounts.length; i++) {
            SubnetInfo sn = subnets.get(i);
            long amount = amounts[i];
            long cut = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(p.ownerCutPpm()))
                    .divide(BigInteger.valueOf(ChainParams.PPM)).longValue();
            if (cut > 0) {
                Balances.deposit(s, sn.owner(), cut);
                events.add(new Event.OwnerCut(sn.netuid(), sn.owner(), cut));
            }
            s.setSubnet(sn.withPendingEmission(sn.pendingEmission() + amount - cut).withEmissionValue(amount));
            minted += amount;
        }
        Balances.mint(s, minted);
        events.add(new Event.Minted(minted, s.totalIssuance()));
    }
}
