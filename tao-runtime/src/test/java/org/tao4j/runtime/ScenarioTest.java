package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * The whole chain at work: 2 subnets created by 1 owner, 4 validators and 12 miners registered by
 * burn, 20 epochs of weights. Miners weighted higher end with more stake, the owner receives exactly
 * 18% of what each subnet is minted, and the total emission follows the halving schedule to the rao.
 */
class ScenarioTest {

    static final int EPOCHS = 20;

    @Test
    void twoSubnetsTwentyEpochs() {
        List<String> accounts = new ArrayList<>(List.of("owner"));
        for (int v = 0; v < 4; v++) {
            accounts.add("val" + v);
        }
        for (int m = 0; m < 12; m++) {
            accounts.add("miner" + m);
        }
        TestChain c = new TestChain(ChainParams.dev(), 10_000 * TAO, accounts.toArray(String[]::new));

        // the owner creates two subnets and lets weights be set every 2 blocks
        for (int s = 1; s <= 2; s++) {
            c.ok("owner", new Call.RegisterNetwork(id("owner-hot" + s)));
            c.ok("owner", new Call.SetHyperparameter(s, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 2));
        }
        // validators register on both subnets and stake; each subnet gets 6 miners
        for (int v = 0; v < 4; v++) {
            for (int s = 1; s <= 2; s++) {
                c.ok("val" + v, new Call.BurnedRegister(s, id("val" + v + "-hot")));
            }
            c.ok("val" + v, new Call.AddStake(id("val" + v + "-hot"), (1_000 + 100L * v) * TAO));
            c.ok("val" + v, new Call.Transfer(id("val" + v + "-hot"), 10 * TAO)); // hotkeys pay their weight fees
        }
        for (int m = 0; m < 12; m++) {
            int netuid = 1 + m / 6;
            c.ok("miner" + m, new Call.BurnedRegister(netuid, id("miner" + m + "-hot")));
        }

        long ownerCuts = 0;
        long mintedToSubnets = 0;
        long minted = 0;
        long scheduled = 0;
        int tempo = c.state().hyperparams(1).tempo();
        long endBlock = c.number() + (long) EPOCHS * (tempo + 1);
        while (c.number() < endBlock) {
            List<Extrinsic> txs = new ArrayList<>();
            if (c.number() % 4 == 0) {
                for (int s = 1; s <= 2; s++) {
                    int[] dests = new int[6];
                    int[] values = new int[6];
                    for (int k = 0; k < 6; k++) {
                        int m = (s - 1) * 6 + k;
                        dests[k] = c.state().uid(s, id("miner" + m + "-hot"));
                        values[k] = 1000 * (k + 1); // miner k is worth k+1
                    }
                    for (int v = 0; v < 4; v++) {
                        txs.add(c.tx("val" + v + "-hot", new Call.SetWeights(s, dests, values, 0)));
                    }
                }
            }
            c.block(txs.toArray(Extrinsic[]::new));
            for (Event e : c.events()) {
                if (e instanceof Event.OwnerCut oc) {
                    assertThat(oc.owner()).isEqualTo(id("owner"));
                    ownerCuts += oc.amount();
                }
                if (e instanceof Event.Minted mi) {
                    minted += mi.amount();
                    // the emission at the issuance this block minted at (after its fees were recycled)
                    scheduled += EmissionSchedule.blockEmission(mi.totalIssuance() - mi.amount());
                }
            }
        }
        mintedToSubnets = minted;
        assertThat(ownerCuts * 100).as("owner cut is exactly 18%").isEqualTo(mintedToSubnets * 18);
        assertThat(minted)
                .as("emission follows the halving schedule to the rao")
                .isEqualTo(scheduled);

        for (int s = 1; s <= 2; s++) {
            long previous = -1;
            for (int k = 0; k < 6; k++) {
                AccountId hot = id("miner" + ((s - 1) * 6 + k) + "-hot");
                long stake = c.state().totalHotkeyStake(hot);
                assertThat(stake)
                        .as("subnet %d miner %d earns more than the one weighted lower", s, k)
                        .isGreaterThan(previous);
                previous = stake;
            }
        }
        c.assertInvariants();
    }
}
