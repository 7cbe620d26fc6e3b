package org.tao4j.consensus;

import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.mulBits;
import static org.tao4j.core.fixed.I32F32.safeDivBits;
import static org.tao4j.core.fixed.I32F32.subBits;

import java.util.Arrays;

/**
 * A square sparse matrix of I32F32 raw bits, one row per uid, each row an ordered list of
 * {@code (column, value)} pairs. Every operation here is a port of the reference's sparse
 * {@code math.rs} helper of the same name (docs/spec/yuma.md §3), keeping the reference's entry order and
 * its saturating arithmetic, and each costs time proportional to the number of entries.
 */
final class SparseMatrix {

    final int n;
    final int[][] cols;
    final long[][] vals;

    private static final int[] NO_COLS = new int[0];
    private static final long[] NO_VALS = new long[0];

    SparseMatrix(int n) {
        this.n = n;
        this.cols = new int[n][];
        this.vals = new long[n][];
        Arrays.fill(cols, NO_COLS);
        Arrays.fill(vals, NO_VALS);
    }

    int rowSize(int i) {
        return cols[i].length;
    }

    void setRow(int i, int[] c, long[] v, int len) {
        cols[i] = len == c.length ? c : Arrays.copyOf(c, len);
        vals[i] = len == v.length ? v : Arrays.copyOf(v, len);
    }

    SparseMatrix copy() {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            m.cols[i] = cols[i]; // rows are never mutated in place once shared
            m.vals[i] = vals[i].clone();
        }
        return m;
    }

    interface EntryFilter {
        boolean keep(int row, int col, long value);
    }

    /** A new matrix holding only the entries the filter keeps, in the same order. */
    SparseMatrix filter(EntryFilter f) {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            int[] nc = new int[c.length];
            long[] nv = new long[c.length];
            int len = 0;
            for (int k = 0; k < c.length; k++) {
                if (f.keep(i, c[k], v[k])) {
                    nc[len] = c[k];
                    nv[len] = v[k];
                    len++;
                }
            }
            m.setRow(i, nc, nv, len);
        }
        return m;
    }

    /** inplace_row_normalize_sparse: rows with a positive sum are divided by it. */
    void rowNormalize() {
        for (int i = 0; i < n; i++) {
            long[] v = vals[i];
            long sum = 0;
            for (long x : v) {
                sum = addBits(sum, x);
            }
            if (sum > 0) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = safeDivBits(v[k], sum);
                }
            }
        }
    }

    /** inplace_col_normalize_sparse: entries of columns with a non-zero sum are divided by it. */
    void colNormalize() {
        long[] colSum = new long[n];
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            for (int k = 0; k < c.length; k++) {
                colSum[c[k]] = addBits(colSum[c[k]], v[k]);
            }
        }
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            for (int k = 0; k < c.length; k++) {
                long s = colSum[c[k]];
                if (s != 0) {
                    v[k] = safeDivBits(v[k], s);
                }
            }
        }
    }

    /** inplace_col_max_upscale_sparse: each column divided by its maximum (when that is non-zero). */
    void colMaxUpscale() {
        long[] colMax = new long[n];
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            for (int k = 0; k < c.length; k++) {
                if (colMax[c[k]] < v[k]) {
                    colMax[c[k]] = v[k];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            for (int k = 0; k < c.length; k++) {
                long m = colMax[c[k]];
                if (m != 0) {
                    v[k] = safeDivBits(v[k], m);
                }
            }
        }
    }

    /** row_sum_sparse. */
    long[] rowSums() {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long s = 0;
            for (long x : vals[i]) {
                s = addBits(s, x);
            }
            out[i] = s;
        }
        return out;
    }

    /** matmul_sparse: result_j = sum_i vector_i * m_ij, rows in uid order. */
    long[] matmul(long[] vector) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            long vi = vector[i];
            for (int k = 0; k < c.length; k++) {
                out[c[k]] = addBits(out[c[k]], mulBits(vi, v[k]));
            }
        }
        return out;
    }

    /** matmul_transpose_sparse: result_i = sum_j vector_j * m_ij. */
    long[] matmulTranspose(long[] vector) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            long s = 0;
            for (int k = 0; k < c.length; k++) {
                s = addBits(s, mulBits(vector[c[k]], v[k]));
            }
            out[i] = s;
        }
        return out;
    }

    /** row_hadamard_sparse: m_ij * vector_i. */
    SparseMatrix rowHadamard(long[] vector) {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            long[] v = vals[i];
            long[] nv = new long[v.length];
            for (int k = 0; k < v.length; k++) {
                nv[k] = mulBits(v[k], vector[i]);
            }
            m.cols[i] = cols[i];
            m.vals[i] = nv;
        }
        return m;
    }

    /** col_clip_sparse: values above the column threshold become it, or vanish when it is 0. */
    SparseMatrix colClip(long[] threshold) {
        SparseMatrix m = new SparseMatrix(n);
        for (int i = 0; i < n; i++) {
            int[] c = cols[i];
            long[] v = vals[i];
            int[] nc = new int[c.length];
            long[] nv = new long[c.length];
            int len = 0;
            for (int k = 0; k < c.length; k++) {
                long t = threshold[c[k]];
                if (t < v[k]) {
                    if (0 < t) {
                        nc[len] = c[k];
                        nv[len++] = t;
                    }
                } else {
                    nc[len] = c[k];
                    nv[len++] = v[k];
                }
            }
            m.setRow(i, nc, nv, len);
        }
        return m;
    }

    /**
     * interpolate_sparse: {@code a + ratio * (b - a)} entry by entry, keeping positive results in
     * ascending column order. {@code b}'s entries must be a subset of {@code a}'s columns per row
     * (true for clipped weights), which lets us visit only {@code a}'s entries instead of all n columns.
     */
    static SparseMatrix interpolate(SparseMatrix a, SparseMatrix b, long ratio) {
        int n = a.n;
        SparseMatrix m = new SparseMatrix(n);
        long[] rowB = new long[n]; // scratch, reset after each row
        for (int i = 0; i < n; i++) {
            int[] ca = a.cols[i];
            long[] va = a.vals[i];
            int[] cb = b.cols[i];
            long[] vb = b.vals[i];
            for (int k = 0; k < cb.length; k++) {
                rowB[cb[k]] = vb[k];
            }
            int[] order = sortedByColumn(ca);
            int[] nc = new int[ca.length];
            long[] nv = new long[ca.length];
            int len = 0;
            long[] rowA = va;
            for (int idx : order) {
                int j = ca[idx];
                long v1 = rowA[idx];
                long v2 = rowB[j];
                long interp = addBits(v1, mulBits(ratio, subBits(v2, v1)));
                if (0 < interp) {
                    nc[len] = j;
                    nv[len++] = interp;
                }
            }
            for (int k = 0; k < cb.length; k++) {
                rowB[cb[k]] = 0;
            }
            m.setRow(i, nc, nv, len);
        }
        return m;
    }

    /**
     * mat_ema_sparse: {@code alpha * new + (1 - alpha) * old}, accumulated per column and kept where
     * positive, in ascending column order.
     */
    static SparseMatrix ema(SparseMatrix fresh, SparseMatrix old, long alpha) {
        int n = fresh.n;
        long oneMinusAlpha = subBits(org.tao4j.core.fixed.I32F32.ONE_BITS, alpha);
        SparseMatrix m = new SparseMatrix(n);
        long[] acc = new long[n];
        boolean[] touched = new boolean[n];
        int[] touchedCols = new int[n];
        for (int i = 0; i < n; i++) {
            int t = 0;
            int[] cf = fresh.cols[i];
            long[] vf = fresh.vals[i];
            for (int k = 0; k < cf.length; k++) {
                int j = cf[k];
                acc[j] = addBits(acc[j], mulBits(alpha, vf[k]));
                if (!touched[j]) {
                    touched[j] = true;
                    touchedCols[t++] = j;
                }
            }
            int[] co = old.cols[i];
            long[] vo = old.vals[i];
            for (int k = 0; k < co.length; k++) {
                int j = co[k];
                acc[j] = addBits(acc[j], mulBits(oneMinusAlpha, vo[k]));
                if (!touched[j]) {
                    touched[j] = true;
                    touchedCols[t++] = j;
                }
            }
            Arrays.sort(touchedCols, 0, t);
            int[] nc = new int[t];
            long[] nv = new long[t];
            int len = 0;
            for (int q = 0; q < t; q++) {
                int j = touchedCols[q];
                if (acc[j] > 0) {
                    nc[len] = j;
                    nv[len++] = acc[j];
                }
                acc[j] = 0;
                touched[j] = false;
            }
            m.setRow(i, nc, nv, len);
        }
        return m;
    }

    /** Indices of {@code c} ordered by column (stable; columns are unique within a row). */
    static int[] sortedByColumn(int[] c) {
        boolean sorted = true;
        for (int k = 1; k < c.length && sorted; k++) {
            sorted = c[k - 1] < c[k];
        }
        int[] idx = new int[c.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        if (sorted) {
            return idx;
        }
        // pack (column, index) so a primitive sort orders by column
        long[] packed = new long[c.length];
        for (int k = 0; k < c.length; k++) {
            packed[k] = ((long) c[k] << 32) | k;
        }
        Arrays.sort(packed);
        for (int k = 0; k < c.length; k++) {
            idx[k] = (int) packed[k];
        }
        return idx;
    }
}
