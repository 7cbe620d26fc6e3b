package org.tao4j.consensus;

import static org.tao4j.core.fixed.I32F32.ONE_BITS;
import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.fromIntBits;
import static org.tao4j.core.fixed.I32F32.mulBits;
import static org.tao4j.core.fixed.I32F32.proportionToU16;
import static org.tao4j.core.fixed.I32F32.safeDivBits;
import static org.tao4j.core.fixed.I32F32.subBits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.fixed.I32F32;
import org.tao4j.core.fixed.I64F64;

/**
 * Yuma Consensus: one epoch of one subnet, as a pure function (docs/spec/yuma.md §3).
 *
 * <p>Consensus code. Every step follows docs/spec/yuma.md in order and ports the reference's sparse epoch
 * (subtensor {@code epoch_mechanism}) with its fixed-point rounding. No doubles, no hashing
 * containers, no clock. Cost is proportional to the number of weight and bond entries, except the
 * consensus step, which is proportional to (columns with any weight) x (validators with stake).
 */
public final class Epoch {

    private Epoch() {}

    public static EpochResult run(SubnetSnapshot snap) {
        EpochParams p = snap.params();
        List<NeuronSnapshot> neurons = snap.neurons();
        int n = neurons.size();
        long block = snap.block();
        int owner = p.ownerUid() >= 0 && p.ownerUid() < n ? p.ownerUid() : -1;

        // §3.1 activity
        boolean[] active = new boolean[n];
        long[] lastUpdate = new long[n];
        long[] registeredAt = new long[n];
        for (int i = 0; i < n; i++) {
            NeuronSnapshot nu = neurons.get(i);
            lastUpdate[i] = nu.lastUpdate();
            registeredAt[i] = nu.registeredAt();
            active[i] = Long.compareUnsigned(saturatingAddU64(nu.lastUpdate(), p.activityCutoff()), block) >= 0;
        }

        // §3.2 stake: threshold filter (not for the owner), I64F64 normalisation, floor to I32F32
        long[] stake = normalizedStake(neurons, p.stakeThreshold(), owner);

        // §3.3 permits
        boolean[] oldPermit = new boolean[n];
        for (int i = 0; i < n; i++) {
            oldPermit[i] = neurons.get(i).validatorPermit();
        }
        if (owner >= 0) {
            oldPermit[owner] = true;
        }
        boolean[] newPermit = topKNonZero(stake, p.maxAllowedValidators());
        if (owner >= 0) {
            newPermit[owner] = true;
        }

        // §3.4 active stake
        long[] activeStake = stake.clone();
        for (int i = 0; i < n; i++) {
            if (!active[i] || !oldPermit[i]) {
                activeStake[i] = 0;
            }
        }
        normalize(activeStake);

        // §3.5 weights: permit rows, diagonal, outdated, commit-reveal, then row normalisation
        SparseMatrix weights = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            if (!oldPermit[i]) {
                continue;
            }
            SparseRow row = neurons.get(i).weights();
            int[] c = new int[row.size()];
            long[] v = new long[row.size()];
            int len = 0;
            boolean crMask =
                    p.commitRevealEnabled() && neurons.get(i).earliestCommitBlock() != NeuronSnapshot.NO_COMMIT;
            long commitBlock = neurons.get(i).earliestCommitBlock();
            for (int k = 0; k < row.size(); k++) {
                int j = row.dest(k);
                if (j == i && i != owner) {
                    continue;
                }
                if (Long.compareUnsigned(lastUpdate[i], registeredAt[j]) <= 0) {
                    continue;
                }
                if (crMask && Long.compareUnsigned(commitBlock, registeredAt[j]) < 0) {
                    continue;
                }
                c[len] = j;
                v[len++] = fromIntBits(row.value(k));
            }
            weights.setRow(i, c, v, len);
        }
        weights.rowNormalize();

        // §3.6 consensus: stake-weighted median per column
        long kappa = safeDivBits(fromIntBits(p.kappa()), fromIntBits(65535));
        long[] consensus = consensus(weights, activeStake, kappa);

        // §3.7 clip, §3.8 validator trust, §3.9 incentive
        SparseMatrix clipped = weights.colClip(consensus);
        long[] validatorTrust = clipped.rowSums();
        long[] incentive = clipped.matmul(activeStake);
        normalize(incentive);

        // §3.10 weights for bonds
        long beta = safeDivBits(fromIntBits(p.bondsPenalty()), fromIntBits(65535));
        SparseMatrix weightsForBonds;
        if (beta == 0) {
            weightsForBonds = weights;
        } else if (beta == ONE_BITS) {
            weightsForBonds = clipped;
        } else {
            weightsForBonds = SparseMatrix.interpolate(weights, clipped, beta);
        }

        // blocks are u64 (raw long bits): saturating_sub / saturating_add as the reference does
        long tempoRef = snap.lastMechanismStepBlock() == 0
                ? (Long.compareUnsigned(block, p.tempo()) <= 0 ? 0 : block - p.tempo())
                : saturatingAddU64(snap.lastMechanismStepBlock(), 1);
        SparseMatrix.EntryFilter recentlyRegistered = (i, j, v) -> Long.compareUnsigned(tempoRef, registeredAt[j]) > 0;

        long[] dividends;
        SparseMatrix emaBonds;
        if (!p.yuma3()) {
            // §3.11 Yuma 2
            SparseMatrix bonds = bondsMatrix(neurons, false).filter(recentlyRegistered);
            bonds.colNormalize();
            SparseMatrix delta = weightsForBonds.rowHadamard(activeStake);
            delta.colNormalize();
            emaBonds = SparseMatrix.ema(delta, bonds, movingAverageAlpha(p.bondsMovingAverage()));
            emaBonds.colNormalize();
            dividends = emaBonds.matmulTranspose(incentive);
            normalize(dividends);
            emaBonds.colMaxUpscale();
        } else {
            // §3.12 Yuma 3
            SparseMatrix bonds = bondsMatrix(neurons, true).filter(recentlyRegistered);
            boolean anyConsensus = false;
            for (long c : consensus) {
                anyConsensus |= c != 0;
            }
            if (p.liquidAlpha() && anyConsensus) {
                emaBonds = LiquidAlpha.ema(
                        weightsForBonds,
                        bonds,
                        consensus,
                        I32F32.u16ProportionBits(p.alphaLow()),
                        I32F32.u16ProportionBits(p.alphaHigh()),
                        fromIntBits(p.alphaSigmoidSteepness()));
            } else {
                emaBonds = SparseMatrix.ema(weightsForBonds, bonds, movingAverageAlpha(p.bondsMovingAverage()));
            }
            SparseMatrix norm = emaBonds.copy();
            norm.colNormalize();
            long[] bondsPerValidator = new long[n];
            for (int i = 0; i < n; i++) {
                int[] c = norm.cols[i];
                long[] v = norm.vals[i];
                long s = 0;
                for (int k = 0; k < c.length; k++) {
                    s = addBits(s, mulBits(v[k], incentive[c[k]]));
                }
                bondsPerValidator[i] = s;
            }
            dividends = new long[n];
            for (int i = 0; i < n; i++) {
                // vec_mul uses checked_mul: an overflow gives 0
                long hi = Math.multiplyHigh(bondsPerValidator[i], activeStake[i]);
                dividends[i] =
                        (hi >= (1L << 31) || hi < -(1L << 31)) ? 0 : mulBits(bondsPerValidator[i], activeStake[i]);
            }
            normalize(dividends);
        }

        // §3.13 emission
        long[] combined = new long[n];
        long emissionSum = 0;
        for (int i = 0; i < n; i++) {
            combined[i] = addBits(incentive[i], dividends[i]);
            emissionSum = addBits(emissionSum, combined[i]);
        }
        long[] serverShare = incentive.clone();
        long[] validatorShare = dividends.clone();
        long[] combinedShare = combined.clone();
        if (emissionSum != 0) {
            for (int i = 0; i < n; i++) {
                serverShare[i] = safeDivBits(serverShare[i], emissionSum);
                validatorShare[i] = safeDivBits(validatorShare[i], emissionSum);
            }
        }
        normalize(combinedShare);
        if (emissionSum == 0) {
            long[] fallback = sum(activeStake) == 0 ? stake : activeStake;
            validatorShare = fallback.clone();
            combinedShare = fallback.clone();
        }
        long raoEmission = snap.emission();

        // §3.14 write back
        List<NeuronResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SparseRow bondRow = null;
            if (newPermit[i]) {
                int[] c = emaBonds.cols[i];
                long[] v = emaBonds.vals[i];
                int[] u = new int[c.length];
                for (int k = 0; k < c.length; k++) {
                    u[k] = proportionToU16(v[k]);
                }
                bondRow = SparseRow.wrap(c.clone(), u);
            } else if (oldPermit[i]) {
                bondRow = SparseRow.EMPTY;
            }
            out.add(new NeuronResult(
                    i,
                    active[i],
                    newPermit[i],
                    proportionToU16(consensus[i]),
                    proportionToU16(incentive[i]),
                    proportionToU16(dividends[i]),
                    proportionToU16(validatorTrust[i]),
                    toRao(combinedShare[i], raoEmission),
                    toRao(serverShare[i], raoEmission),
                    toRao(validatorShare[i], raoEmission),
                    bondRow));
        }
        return new EpochResult(out, stake, activeStake, consensus, incentive, dividends, validatorTrust);
    }

    // ------------------------------------------------------------------ steps

    /** §3.2: filtered stake normalised in I64F64 then floored to I32F32. */
    static long[] normalizedStake(List<NeuronSnapshot> neurons, long threshold, int owner) {
        int n = neurons.size();
        long[] filtered = new long[n];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            long s = neurons.get(i).stake();
            filtered[i] = (i != owner && Long.compareUnsigned(s, threshold) < 0) ? 0 : s;
            total = total.add(BigInteger.valueOf(filtered[i]));
        }
        long[] out = new long[n];
        if (total.signum() == 0) {
            return out; // every filtered stake is zero
        }
        if (total.bitLength() > 63) {
            // beyond any reachable supply (21M TAO < 2^55 rao); scale down so I64F64 holds the sum
            int shift = total.bitLength() - 63;
            total = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                filtered[i] = filtered[i] >>> shift;
                total = total.add(BigInteger.valueOf(filtered[i]));
            }
        }
        // I64F64 safe_div then floor to I32F32: floor(floor(s * 2^64 / T) / 2^32) = floor(s * 2^32 / T)
        // (nested floors of positive integers), computed exactly with a 128-by-64 division on longs
        long t = total.longValue();
        for (int i = 0; i < n; i++) {
            long s = filtered[i];
            if (s != 0) {
                out[i] = I32F32.divideUnsigned128(s >>> 32, s << 32, t); // s <= t, so the quotient <= 2^32
            }
        }
        return out;
    }

    /** is_topk_nonzero: the top k by a stable ascending sort; zeros never qualify. */
    static boolean[] topKNonZero(long[] values, int k) {
        int n = values.length;
        boolean[] result = new boolean[n];
        for (int i = 0; i < n; i++) {
            result[i] = values[i] != 0;
        }
        if (n < k) {
            return result;
        }
        // stable ascending sort of indices by value: pack (value, index); values are >= 0 here,
        // but compare as signed longs with the index as tie-break to stay exact for any input
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Long.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int q = 0; q < n - k; q++) {
            result[idx[q]] = false;
        }
        return result;
    }

    /** §3.6: weighted_median_col_sparse. */
    static long[] consensus(SparseMatrix weights, long[] activeStake, long kappa) {
        int n = weights.n;
        int[] rowToK = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            rowToK[i] = activeStake[i] > 0 ? k++ : -1;
        }
        long[] useStake = new long[k];
        for (int i = 0; i < n; i++) {
            if (rowToK[i] >= 0) {
                useStake[rowToK[i]] = activeStake[i];
            }
        }
        normalize(useStake);
        long stakeSum = sum(useStake);
        long minority = subBits(stakeSum, kappa);

        // column-major view of the entries from rows with stake: (k-index, value)
        int[] colCount = new int[n];
        for (int i = 0; i < n; i++) {
            if (rowToK[i] >= 0) {
                for (int j : weights.cols[i]) {
                    colCount[j]++;
                }
            }
        }
        int[] colStart = new int[n + 1];
        for (int j = 0; j < n; j++) {
            colStart[j + 1] = colStart[j] + colCount[j];
        }
        int[] entryK = new int[colStart[n]];
        long[] entryV = new long[colStart[n]];
        int[] fill = colStart.clone();
        for (int i = 0; i < n; i++) {
            int ki = rowToK[i];
            if (ki < 0) {
                continue;
            }
            int[] c = weights.cols[i];
            long[] v = weights.vals[i];
            for (int q = 0; q < c.length; q++) {
                int pos = fill[c[q]]++;
                entryK[pos] = ki;
                entryV[pos] = v[q];
            }
        }

        long[] median = new long[n];
        long[] score = new long[k];
        int[] a = new int[k];
        int[] b = new int[k];
        int[] c = new int[k];
        for (int j = 0; j < n; j++) {
            if (colStart[j] == colStart[j + 1]) {
                continue; // an all-zero column has median 0
            }
            for (int q = colStart[j]; q < colStart[j + 1]; q++) {
                score[entryK[q]] = entryV[q];
            }
            median[j] = WeightedMedian.median(useStake, score, minority, stakeSum, a, b, c);
            for (int q = colStart[j]; q < colStart[j + 1]; q++) {
                score[entryK[q]] = 0;
            }
        }
        return median;
    }

    /** Bonds as stored: u16 integers in I32F32 (Yuma 2) or u16 / 65535 (Yuma 3). */
    static SparseMatrix bondsMatrix(List<NeuronSnapshot> neurons, boolean proportion) {
        int n = neurons.size();
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            SparseRow row = neurons.get(i).bonds();
            int[] c = row.dests();
            long[] v = new long[c.length];
            for (int k = 0; k < c.length; k++) {
                v[k] = proportion ? I32F32.u16ProportionBits(row.value(k)) : fromIntBits(row.value(k));
            }
            m.setRow(i, c, v, c.length);
        }
        return m;
    }

    /** {@code 1 - floor_to_I32F32(I64F64(bma) / I64F64(1e6))}. */
    static long movingAverageAlpha(long bondsMovingAverage) {
        I64F64 bma = I64F64.fromU64(bondsMovingAverage).safeDiv(I64F64.fromLong(1_000_000));
        return subBits(ONE_BITS, bma.toI32F32().bits());
    }

    /**
     * {@code floor(I96F32(share) * emission)} saturated to u64: the product of a share (I32F32 bits)
     * and a rao amount, shifted right by 32. Done on longs because it runs three times per uid; the
     * same integer as the I96F32 multiplication.
     */
    static long toRao(long shareBits, long emission) {
        if (shareBits <= 0 || emission == 0) {
            return 0;
        }
        long hi = Math.unsignedMultiplyHigh(shareBits, emission);
        long lo = shareBits * emission;
        if ((hi >>> 32) != 0) {
            return -1L; // saturate at u64::MAX
        }
        return (hi << 32) | (lo >>> 32);
    }

    /** inplace_normalize: divide by the sum unless it is 0. */
    static void normalize(long[] x) {
        long s = sum(x);
        if (s == 0) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = safeDivBits(x[i], s);
        }
    }

    static long sum(long[] x) {
        long s = 0;
        for (long v : x) {
            s = addBits(s, v);
        }
        return s;
    }

    private static long saturatingAddU64(long a, long b) {
        long r = a + b;
        return Long.compareUnsigned(r, a) < 0 ? -1L : r;
    }
}
