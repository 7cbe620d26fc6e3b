package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple7;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the epoch over random small subnets: random stakes (many zeros), sparse weight and
 * bond rows with unique destinations, random blocks, permits, commits and parameters, Yuma 2 and
 * Yuma 3 with liquid alpha on and off.
 */
class EpochProperties {

    // ------------------------------------------------------------ generators

    @Provide
    Arbitrary<SubnetSnapshot> subnets() {
        // explicit edge values live in the component generators; jqwik's own edge cases of a
        // flatMapped generator would otherwise crowd out the random subnets
        return Arbitraries.integers()
                .between(1, 32)
                .flatMap(n -> Arbitraries.longs()
                        .between(0, 2_000)
                        .flatMap(block -> Combinators.combine(
                                        params(n),
                                        neuron(n, block).list().ofSize(n),
                                        Arbitraries.frequencyOf(
                                                Tuple.of(1, Arbitraries.just(0L)),
                                                Tuple.of(1, Arbitraries.longs().between(0, block))),
                                        emission())
                                .as((p, ns, lastStep, e) -> new SubnetSnapshot(p, ns, block, lastStep, e))));
    }

    private static Arbitrary<Long> emission() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0L, 1L, 1_000_000_000L, 1_000_000_000_000L)),
                Tuple.of(2, Arbitraries.longs().between(0, 1_000_000)),
                Tuple.of(
                        3,
                        Arbitraries.longs()
                                .between(0, 1_000_000_000_000L)
                                .withDistribution(RandomDistribution.uniform())));
    }

    private static Arbitrary<Integer> u16() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, 1, 32767, 32768, 65535)),
                Tuple.of(4, Arbitraries.integers().between(0, 65535)));
    }

    private static Arbitrary<EpochParams> params(int n) {
        Arbitrary<Tuple7<Long, Long, Integer, Integer, Long, Integer, Long>> numeric = Combinators.combine(
                        Arbitraries.longs().between(0, 400), // tempo
                        Arbitraries.frequencyOf( // activity cutoff
                                Tuple.of(3, Arbitraries.longs().between(1_000, 5_000)),
                                Tuple.of(1, Arbitraries.longs().between(0, 1_000))),
                        u16(), // kappa
                        u16(), // bonds penalty
                        Arbitraries.frequencyOf( // bonds moving average
                                Tuple.of(1, Arbitraries.of(0L, 900_000L, 1_000_000L)),
                                Tuple.of(3, Arbitraries.longs().between(0, 1_000_000))),
                        Arbitraries.integers().between(0, 40), // max allowed validators
                        Arbitraries.frequencyOf( // stake threshold
                                Tuple.of(3, Arbitraries.just(0L)),
                                Tuple.of(1, Arbitraries.longs().between(0, 1_000_000))))
                .as(Tuple::of);
        Arbitrary<Tuple7<Boolean, Boolean, Integer, Integer, Integer, Integer, Boolean>> flags = Combinators.combine(
                        Arbitraries.of(true, false), // yuma3
                        Arbitraries.of(true, false), // liquid alpha
                        u16(), // alpha low
                        u16(), // alpha high
                        Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE), // steepness
                        Arbitraries.integers().between(-1, n - 1), // owner
                        Arbitraries.of(true, false) // commit-reveal
                        )
                .as(Tuple::of);
        return Combinators.combine(numeric, flags)
                .as((a, b) -> new EpochParams(
                        a.get1(), a.get2(), a.get3(), a.get4(), a.get5(), a.get6(), b.get1(), b.get2(), b.get3(),
                        b.get4(), b.get5(), a.get7(), b.get6(), b.get7()));
    }

    private static Arbitrary<Long> stake() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 1_000)),
                Tuple.of(3, Arbitraries.longs().between(1, 1L << 57)));
    }

    /** A row with unique destinations < n in random order and random u16 values (zeros included). */
    private static Arbitrary<SparseRow> row(int n) {
        return Arbitraries.integers()
                .between(0, n - 1)
                .list()
                .uniqueElements()
                .ofMaxSize(Math.min(n, 12))
                .flatMap(dests -> u16().list()
                        .ofSize(dests.size())
                        .map(vals -> SparseRow.of(
                                dests.stream().mapToInt(Integer::intValue).toArray(),
                                vals.stream().mapToInt(Integer::intValue).toArray())));
    }

    private static Arbitrary<NeuronSnapshot> neuron(int n, long block) {
        // (last_update, registered_at): mostly "registered early, updated recently" so that most
        // weights survive the outdated mask and the activity cutoff; sometimes anything
        Arbitrary<Tuple2<Long, Long>> blocks = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Combinators.combine(
                                        Arbitraries.longs().between(block / 2, block),
                                        Arbitraries.longs().between(0, block / 4))
                                .as(Tuple::of)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.longs().between(0, block),
                                        Arbitraries.longs().between(0, block))
                                .as(Tuple::of)));
        return Combinators.combine(
                        stake(),
                        blocks,
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                        row(n),
                        Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(SparseRow.EMPTY)), Tuple.of(3, row(n))),
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(NeuronSnapshot.NO_COMMIT)),
                                Tuple.of(1, Arbitraries.longs().between(0, block))))
                .as((stake, lr, permit, weights, bonds, commit) ->
                        new NeuronSnapshot(stake, lr.get1(), lr.get2(), permit, weights, bonds, commit));
    }

    // ------------------------------------------------------------ properties

    /**
     * The split sums to the epoch's emission up to rounding. Each of the up to 2n server and
     * validator shares is an I32F32 quotient truncated by < 2^-32 and its amount is floored by < 1
     * rao, so the shortfall is below 2n * (emission / 2^32 + 1) plus the normalisation slack, and
     * nothing is ever created.
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void emissionSplitAddsUpToTheEpochEmission(@ForAll("subnets") SubnetSnapshot snap) {
        EpochResult r = Epoch.run(snap);
        int n = snap.n();
        long e = snap.emission();
        boolean anyIncentive = Arrays.stream(r.incentiveBits()).anyMatch(x -> x != 0);
        Statistics.label("incentive").collect(anyIncentive);
        Statistics.label("emission >= 2^32").collect(e >= 1L << 32);
        long server = 0;
        long validator = 0;
        long combined = 0;
        for (NeuronResult nr : r.neurons()) {
            assertThat(nr.serverEmission()).isBetween(0L, e);
            assertThat(nr.validatorEmission()).isBetween(0L, e);
            assertThat(nr.emission()).isBetween(0L, e);
            server += nr.serverEmission();
            validator += nr.validatorEmission();
            combined += nr.emission();
        }
        long total = server + validator;
        assertThat(total).isLessThanOrEqualTo(e);
        assertThat(combined).isLessThanOrEqualTo(e);
        boolean anyShare = anyIncentive
                || Arrays.stream(r.activeStakeBits()).anyMatch(x -> x != 0)
                || Arrays.stream(r.stakeBits()).anyMatch(x -> x != 0);
        if (anyShare) {
            long slack = 3L * n * ((e >>> 32) + 2);
            assertThat(e - total).as("shortfall of server + validator").isLessThanOrEqualTo(slack);
            assertThat(e - combined).as("shortfall of the combined emission").isLessThanOrEqualTo(slack);
        } else {
            assertThat(total).isZero();
        }
        // with incentive and dividends both present the split is 50/50 up to the same rounding
        boolean anyDividend = Arrays.stream(r.dividendsBits()).anyMatch(x -> x != 0);
        if (anyDividend) {
            long slack = 3L * n * ((e >>> 32) + 2);
            assertThat(Math.abs(server - e / 2)).as("server half").isLessThanOrEqualTo(slack);
            assertThat(Math.abs(validator - e / 2)).as("validator half").isLessThanOrEqualTo(slack);
        }
        // the generator must exercise both regimes, or the bounds above prove little
        Statistics.label("incentive").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("emission >= 2^32").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void everyOutputIsInRange(@ForAll("subnets") SubnetSnapshot snap) {
        EpochResult r = Epoch.run(snap);
        int n = snap.n();
        assertThat(r.neurons()).hasSize(n);
        int permits = 0;
        for (int i = 0; i < n; i++) {
            NeuronResult nr = r.neuron(i);
            assertThat(nr.uid()).isEqualTo(i);
            assertThat(nr.consensus()).isBetween(0, 65535);
            assertThat(nr.incentive()).isBetween(0, 65535);
            assertThat(nr.dividends()).isBetween(0, 65535);
            assertThat(nr.validatorTrust()).isBetween(0, 65535);
            if (nr.bonds() != null) {
                int[] d = nr.bonds().dests();
                assertThat(d).doesNotHaveDuplicates();
                // the union EMAs (Yuma 2, Yuma 3 with a single alpha) emit ascending columns; the
                // liquid-alpha EMA follows the weight row's order, as the reference does
                boolean ascending = !(snap.params().yuma3() && snap.params().liquidAlpha());
                for (int k = 0; k < d.length; k++) {
                    assertThat(d[k]).isBetween(0, n - 1);
                    assertThat(nr.bonds().value(k)).isBetween(0, 65535);
                    if (ascending && k > 0) {
                        assertThat(d[k]).as("ascending column order").isGreaterThan(d[k - 1]);
                    }
                }
            }
            permits += nr.validatorPermit() ? 1 : 0;
            boolean owner = i == snap.params().ownerUid();
            if (!owner && r.stakeBits()[i] == 0) {
                assertThat(nr.validatorPermit())
                        .as("zero stake never gets a permit")
                        .isFalse();
            }
            // bond rows: written iff new permit; cleared iff lost; untouched otherwise
            boolean oldPermit = snap.neurons().get(i).validatorPermit() || owner;
            if (nr.validatorPermit()) {
                assertThat(nr.bonds()).isNotNull();
            } else if (oldPermit) {
                assertThat(nr.bonds()).isEqualTo(SparseRow.EMPTY);
            } else {
                assertThat(nr.bonds()).isNull();
            }
            if (!nr.active() || !oldPermit) {
                assertThat(r.activeStakeBits()[i]).isZero();
            }
        }
        int ownerInRange = snap.params().ownerUid() >= 0 && snap.params().ownerUid() < n ? 1 : 0;
        assertThat(permits).isLessThanOrEqualTo(snap.params().maxAllowedValidators() + ownerInRange);
        // normalised vectors sum to at most 1 (each element truncated)
        for (long[] v : new long[][] {r.stakeBits(), r.activeStakeBits(), r.incentiveBits(), r.dividendsBits()}) {
            long s = 0;
            for (long x : v) {
                assertThat(x).isBetween(0L, org.tao4j.core.fixed.I32F32.ONE_BITS);
                s += x;
            }
            assertThat(s).isLessThanOrEqualTo(org.tao4j.core.fixed.I32F32.ONE_BITS);
            if (s != 0) {
                assertThat(s).isGreaterThanOrEqualTo(org.tao4j.core.fixed.I32F32.ONE_BITS - n);
            }
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void deterministic(@ForAll("subnets") SubnetSnapshot snap) {
        EpochResult a = Epoch.run(snap);
        // an equal but separately built snapshot
        List<NeuronSnapshot> copy = new ArrayList<>();
        for (NeuronSnapshot ns : snap.neurons()) {
            copy.add(new NeuronSnapshot(
                    ns.stake(),
                    ns.lastUpdate(),
                    ns.registeredAt(),
                    ns.validatorPermit(),
                    SparseRow.of(ns.weights().dests(), ns.weights().values()),
                    SparseRow.of(ns.bonds().dests(), ns.bonds().values()),
                    ns.earliestCommitBlock()));
        }
        EpochResult b = Epoch.run(
                new SubnetSnapshot(snap.params(), copy, snap.block(), snap.lastMechanismStepBlock(), snap.emission()));
        EpochResult c = Epoch.run(snap);
        for (EpochResult other : new EpochResult[] {b, c}) {
            // NeuronResult is a record of primitives and a SparseRow (value equality), so this
            // compares every field including the bond rows
            assertThat(other.neurons()).isEqualTo(a.neurons());
            assertThat(other.stakeBits()).isEqualTo(a.stakeBits());
            assertThat(other.activeStakeBits()).isEqualTo(a.activeStakeBits());
            assertThat(other.consensusBits()).isEqualTo(a.consensusBits());
            assertThat(other.incentiveBits()).isEqualTo(a.incentiveBits());
            assertThat(other.dividendsBits()).isEqualTo(a.dividendsBits());
            assertThat(other.validatorTrustBits()).isEqualTo(a.validatorTrustBits());
        }
    }
}
