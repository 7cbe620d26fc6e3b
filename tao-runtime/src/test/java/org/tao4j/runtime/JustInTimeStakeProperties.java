package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §5 "Only stake held for the whole period earns" over random stake and unstake timings,
 * through real signed blocks.
 *
 * <p>Two chains from the same start: subnet 1 (dev tempo 10, epochs at blocks 9, 20, 31, ...), validator
 * "val" (owned by alice, 1,000 TAO) weighting miner "m1"; long-term stakers carol (500 TAO) and dave
 * (200 TAO) on val. On the <em>quiet</em> chain nobody moves stake. On the <em>busy</em> chain, bob
 * (no stake before) and dave run random episodes: add X in some block, remove exactly X in the same
 * block or a later one, no later than the epoch after the one that ends the period of the add (the
 * removal is a transaction, so it runs before that block's epoch).
 *
 * <ul>
 *   <li>Bob never receives anything: each removal of exactly X leaves him no stake, and his free
 *       balance ends at his endowment less his fees.</li>
 *   <li>Nobody else's payouts change: after every block, alice's, carol's and dave's stakes on the busy
 *       chain (dave's without his X in flight) equal the quiet chain's.</li>
 *   <li>On the quiet chain each epoch pays exactly today's rule: carol's gain is
 *       {@code floor(rest · carol / total)} of the validator amount.</li>
 * </ul>
 */
class JustInTimeStakeProperties {

    private static final int TEMPO = 10;
    private static final int BLOCKS = 50;

    private static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "carol", "dave", "val", "m1");
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "carol");
        f.permit(0, true)
                .stake("val", "alice", 1_000 * TAO)
                .stake("val", "carol", 500 * TAO)
                .stake("val", "dave", 200 * TAO)
                .hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        assertThat(f.hyperparams().tempo()).isEqualTo(TEMPO);
        return c;
    }

    /** The first epoch block of subnet 1 at or after {@code block}. */
    private static long epochAtOrAfter(long block) {
        long b = block;
        while (!Coinbase.epochDue(b, 1, TEMPO)) {
            b++;
        }
        return b;
    }

    /** One just-in-time episode: add {@code amount} in block {@code add}, remove it in block {@code remove}. */
    record Episode(String who, long add, long remove, long amount) {}

    private static List<Episode> episodes(SplittableRandom rnd, String who) {
        List<Episode> out = new ArrayList<>();
        long block = 2 + rnd.nextInt(6);
        while (true) {
            long add = block;
            // the latest removal: the epoch after the one that ends the add's period
            long latest = epochAtOrAfter(epochAtOrAfter(add) + 1);
            long remove = add + rnd.nextLong(latest - add + 1);
            if (remove > BLOCKS) {
                return out;
            }
            long amount = switch (rnd.nextInt(3)) {
                case 0 -> 2_000_000 + rnd.nextLong(TAO); // around the minimum
                case 1 -> rnd.nextLong(1, 10_000) * TAO; // up to ten times everyone else
                default -> 1_000 * TAO;
            };
            out.add(new Episode(who, add, remove, amount));
            block = remove + 1 + rnd.nextInt(12);
        }
    }

    @Property(tries = 15)
    void stakeHeldForLessThanAWholePeriodNeverEarns(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Episode> plan = new ArrayList<>(episodes(rnd, "bob"));
        plan.addAll(episodes(rnd, "dave"));

        TestChain quiet = chain();
        TestChain busy = chain();
        long bobStart = busy.free("bob");
        long bobFees = 0;
        long daveInFlight = 0;
        for (TestChain c : List.of(quiet, busy)) {
            c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        }
        for (long block = 2; block <= BLOCKS; block++) {
            // adds before removes: an episode may add and remove in one block
            List<Extrinsic> txs = new ArrayList<>();
            List<Episode> adds = new ArrayList<>();
            List<Episode> removes = new ArrayList<>();
            for (Episode e : plan) {
                if (e.add() == block) {
                    txs.add(busy.tx(e.who(), new Call.AddStake(id("val"), e.amount())));
                    adds.add(e);
                }
            }
            for (Episode e : plan) {
                if (e.remove() == block) {
                    txs.add(busy.tx(e.who(), new Call.RemoveStake(id("val"), e.amount())));
                    removes.add(e);
                }
            }
            long carolBefore = quiet.state().stake(id("val"), id("carol"));
            long aliceBefore = quiet.state().stake(id("val"), id("alice"));
            long daveBefore = quiet.state().stake(id("val"), id("dave"));
            long valBefore = quiet.state().totalHotkeyStake(id("val"));
            List<ApplyResult> results = busy.block(txs.toArray(Extrinsic[]::new));
            quiet.block();
            for (int i = 0; i < results.size(); i++) {
                ApplyResult.Included inc = (ApplyResult.Included) results.get(i);
                assertThat(inc.error())
                        .as("tx %d of block %d: %s", i, block, inc.message())
                        .isNull();
                if (txs.get(i).signer().equals(id("bob"))) {
                    bobFees += inc.fee();
                }
            }
            for (Episode e : adds) {
                daveInFlight += e.who().equals("dave") ? e.amount() : 0;
            }
            for (Episode e : removes) {
                daveInFlight -= e.who().equals("dave") ? e.amount() : 0;
                if (e.who().equals("bob")) {
                    assertThat(busy.state().stake(id("val"), id("bob")))
                            .as("bob after removing exactly what he added")
                            .isZero();
                }
            }

            // the honest stakers are paid as if nobody had moved
            assertThat(busy.state().stake(id("val"), id("alice")))
                    .as("alice, block %d", block)
                    .isEqualTo(quiet.state().stake(id("val"), id("alice")));
            assertThat(busy.state().stake(id("val"), id("carol")))
                    .as("carol, block %d", block)
                    .isEqualTo(quiet.state().stake(id("val"), id("carol")));
            assertThat(busy.state().stake(id("val"), id("dave")) - daveInFlight)
                    .as("dave, block %d", block)
                    .isEqualTo(quiet.state().stake(id("val"), id("dave")));

            // and the quiet chain follows today's rule
            long amount = quiet.state().totalHotkeyStake(id("val")) - valBefore;
            if (Coinbase.epochDue(block, 1, TEMPO)) {
                assertThat(amount).as("validator amount at block %d", block).isPositive();
                long rest = amount - mulDiv(amount, 180_000, 1_000_000);
                assertThat(quiet.state().stake(id("val"), id("carol")) - carolBefore)
                        .isEqualTo(mulDiv(rest, carolBefore, valBefore));
                assertThat(quiet.state().stake(id("val"), id("dave")) - daveBefore)
                        .isEqualTo(mulDiv(rest, daveBefore, valBefore));
                assertThat(quiet.state().stake(id("val"), id("alice")) - aliceBefore)
                        .isEqualTo(amount - mulDiv(rest, carolBefore, valBefore) - mulDiv(rest, daveBefore, valBefore));
                assertThat(busy.state().periodFloors(1))
                        .as("the epoch clears the floors")
                        .isEmpty();
            } else {
                assertThat(amount).isZero();
            }
        }
        assertThat(busy.state().stake(id("val"), id("bob"))).isZero();
        assertThat(busy.free("bob"))
                .as("bob ends with his endowment less his fees")
                .isEqualTo(bobStart - bobFees);
    }

    private static long mulDiv(long a, long b, long d) {
        return BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(d))
                .longValueExact();
    }
}
