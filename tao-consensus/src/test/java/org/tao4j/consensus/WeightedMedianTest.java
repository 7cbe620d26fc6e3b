package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tao4j.core.fixed.I32F32;

/** The stake-weighted median of docs/spec/yuma.md §3 step 6 and its unit cases in §4. */
class WeightedMedianTest {

    static long fx(double v) {
        return I32F32.fromDouble(v).bits();
    }

    static long[] fx(double... v) {
        return Arrays.stream(v).mapToLong(WeightedMedianTest::fx).toArray();
    }

    /** A square n x n sparse matrix from dense rows (fewer columns are padded); zeros are left out. */
    static SparseMatrix sparse(int n, double[]... rows) {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < rows.length; i++) {
            int[] c = new int[rows[i].length];
            long[] v = new long[rows[i].length];
            int len = 0;
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] != 0) {
                    c[len] = j;
                    v[len++] = fx(rows[i][j]);
                }
            }
            m.setRow(i, c, v, len);
        }
        return m;
    }

    /** As {@link #sparse} but keeping the explicit zero entries in the rows. */
    static SparseMatrix sparseWithZeros(int n, double[]... rows) {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < rows.length; i++) {
            int[] c = new int[rows[i].length];
            long[] v = new long[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                c[j] = j;
                v[j] = fx(rows[i][j]);
            }
            m.setRow(i, c, v, c.length);
        }
        return m;
    }

    private static final double[][] CASE1_ROWS = {
        {0, .1, 0},
        {0, .2, .4},
        {0, .3, .1},
        {0, .4, .5},
    };
    private static final double[] CASE1_STAKE = {0, .75, .25, 0};

    @ParameterizedTest(name = "majority {0} -> [0, {1}, {2}]")
    @CsvSource({
        "0.24, 0.3, 0.4",
        "0.26, 0.2, 0.4",
        "0.76, 0.2, 0.1",
    })
    void specCase1(double majority, double c1, double c2) {
        for (SparseMatrix w : new SparseMatrix[] {sparse(4, CASE1_ROWS), sparseWithZeros(4, CASE1_ROWS)}) {
            long[] median = Epoch.consensus(w, fx(CASE1_STAKE), fx(majority));
            assertThat(median).containsExactly(0, fx(c1), fx(c2), 0);
        }
    }

    @Test
    void specCase2() {
        double[][] rows = {
            {0, .1, 0},
            {0, .2, .4},
            {0, .3, .1},
            {0, 0, .5},
        };
        long[] stake = fx(0, .3, .2, .5);
        assertThat(Epoch.consensus(sparse(4, rows), stake, fx(.51))).containsExactly(0, 0, fx(.4), 0);
        assertThat(Epoch.consensus(sparseWithZeros(4, rows), stake, fx(.51))).containsExactly(0, 0, fx(.4), 0);
    }

    @Test
    void zeroStakeRowsAreIgnoredEvenWithLargeValues() {
        // row 0 and row 3 have no stake; their weights must not move the median
        double[][] rows = {
            {0, 1, 1},
            {0, .2, .4},
            {0, .3, .1},
            {0, 1, 1},
        };
        long[] median = Epoch.consensus(sparse(4, rows), fx(CASE1_STAKE), fx(.24));
        assertThat(median).containsExactly(0, fx(.3), fx(.4), 0);
    }

    @Test
    void stakesAreRenormalisedBeforeTheMedian() {
        // the same stakes scaled by 1/10 give the same medians: only proportions matter
        long[] small = fx(0, .075, .025, 0);
        for (double majority : new double[] {.24, .26, .76}) {
            assertThat(Epoch.consensus(sparse(4, CASE1_ROWS), small, fx(majority)))
                    .isEqualTo(Epoch.consensus(sparse(4, CASE1_ROWS), fx(CASE1_STAKE), fx(majority)));
        }
    }

    @Test
    void noActiveStakeGivesZeroConsensus() {
        long[] median = Epoch.consensus(sparse(4, CASE1_ROWS), new long[4], fx(.5));
        assertThat(median).containsOnly(0L);
    }

    @Test
    void emptyMatrixGivesZeroConsensus() {
        assertThat(Epoch.consensus(new SparseMatrix(3), fx(.5, .5, 0), fx(.5))).containsExactly(0, 0, 0);
        assertThat(Epoch.consensus(new SparseMatrix(0), new long[0], fx(.5))).isEmpty();
    }

    @Test
    void singleValidatorIsTheConsensus() {
        SparseMatrix w = sparse(3, new double[] {0, .25, .75});
        for (double majority : new double[] {0, .5, 1}) {
            assertThat(Epoch.consensus(w, fx(1, 0, 0), fx(majority))).containsExactly(0, fx(.25), fx(.75));
        }
    }

    @Test
    void equalStakeMajorityPicksTheMiddleValue() {
        // three equal validators scoring .1/.2/.3: with a majority of one half the median is .2
        SparseMatrix w = sparse(4, new double[] {0, 0, 0, .1}, new double[] {0, 0, 0, .2}, new double[] {0, 0, 0, .3});
        long third = fx(1.0 / 3);
        long[] stake = {third, third, third, 0};
        assertThat(Epoch.consensus(w, stake, fx(.5))[3]).isEqualTo(fx(.2));
        // a majority close to 1 needs everyone: the lowest value; close to 0: the highest
        assertThat(Epoch.consensus(w, stake, fx(.99))[3]).isEqualTo(fx(.1));
        assertThat(Epoch.consensus(w, stake, fx(.01))[3]).isEqualTo(fx(.3));
    }

    // ----------------------------------------------------------- the quickselect itself

    private static long median(long[] stake, long[] score, long minority, long hi) {
        int k = stake.length;
        return WeightedMedian.median(stake, score, minority, hi, new int[k], new int[k], new int[k]);
    }

    @Test
    void emptyListIsZero() {
        assertThat(median(new long[0], new long[0], fx(.5), fx(1))).isZero();
    }

    @Test
    void singleElementIsItsValue() {
        assertThat(median(new long[] {fx(1)}, new long[] {fx(.42)}, fx(.5), fx(1)))
                .isEqualTo(fx(.42));
        // whatever the minority
        assertThat(median(new long[] {fx(1)}, new long[] {fx(.42)}, fx(-3), fx(1)))
                .isEqualTo(fx(.42));
        assertThat(median(new long[] {fx(1)}, new long[] {fx(.42)}, fx(7), fx(1)))
                .isEqualTo(fx(.42));
    }

    @Test
    void allEqualScoresAreTheMedian() {
        long[] stake = fx(.1, .2, .3, .4);
        long[] score = fx(.6, .6, .6, .6);
        for (double minority : new double[] {-1, 0, .3, .5, .99, 1, 2}) {
            assertThat(median(stake, score, fx(minority), fx(1)))
                    .as("minority %s", minority)
                    .isEqualTo(fx(.6));
        }
    }

    @Test
    void pivotIsTheMiddleOfTheList() {
        // scores [.1 .2 .3 .4 .5], stakes equal: minority .5 sits exactly between lower stake .4
        // and upper edge .6 of pivot .3 (position 5/2 = 2), which is returned immediately
        long[] stake = fx(.2, .2, .2, .2, .2);
        long[] score = fx(.1, .2, .3, .4, .5);
        assertThat(median(stake, score, fx(.5), fx(1))).isEqualTo(fx(.3));
        // a minority inside the lower part recurses there: .25 -> lower [.1, .2], pivot .2 with
        // lo-edge .2 <= .25 < .4: returns .2
        assertThat(median(stake, score, fx(.25), fx(1))).isEqualTo(fx(.2));
        // and inside the upper part: .85 -> upper [.4, .5], pivot .5 (position 1), lower stake .2
        // from lo .6 -> .8 <= .85 < 1: returns .5
        assertThat(median(stake, score, fx(.85), fx(1))).isEqualTo(fx(.5));
    }

    @Test
    void orderOfTheListDoesNotChangeTheAnswerOnAClearMajority() {
        long[] stake = fx(.1, .6, .3);
        long[] score = fx(.9, .5, .1);
        long[] stake2 = fx(.3, .1, .6);
        long[] score2 = fx(.1, .9, .5);
        // minority .4: the .6 holder of .5 decides in both orders
        assertThat(median(stake, score, fx(.4), fx(1))).isEqualTo(fx(.5));
        assertThat(median(stake2, score2, fx(.4), fx(1))).isEqualTo(fx(.5));
    }
}
