package org.tao4j.consensus;

import java.util.Arrays;

/**
 * An immutable sparse row of {@code (dest uid, u16 value)} pairs, as the chain stores weights and
 * bonds. Order is significant: it is the order in which the reference stores the pairs, and some
 * steps of the epoch depend on it (docs/spec/yuma.md §3).
 */
public final class SparseRow {

    public static final SparseRow EMPTY = new SparseRow(new int[0], new int[0]);

    private final int[] dests;
    private final int[] values;

    private SparseRow(int[] dests, int[] values) {
        this.dests = dests;
        this.values = values;
    }

    /** Copies the arrays; every value must be a u16 and every dest a u16 uid. */
    public static SparseRow of(int[] dests, int[] values) {
        if (dests.length != values.length) {
            throw new IllegalArgumentException(
                    "dests and values differ in length: " + dests.length + " vs " + values.length);
        }
        for (int k = 0; k < dests.length; k++) {
            if (dests[k] < 0 || dests[k] > 0xFFFF) {
                throw new IllegalArgumentException("dest " + dests[k] + " is not a u16 uid");
            }
            if (values[k] < 0 || values[k] > 0xFFFF) {
                throw new IllegalArgumentException("value " + values[k] + " is not a u16");
            }
        }
        return dests.length == 0 ? EMPTY : new SparseRow(dests.clone(), values.clone());
    }

    /** Takes ownership of already validated arrays (package use by the epoch). */
    static SparseRow wrap(int[] dests, int[] values) {
        return dests.length == 0 ? EMPTY : new SparseRow(dests, values);
    }

    public int size() {
        return dests.length;
    }

    public boolean isEmpty() {
        return dests.length == 0;
    }

    public int dest(int k) {
        return dests[k];
    }

    public int value(int k) {
        return values[k];
    }

    public int[] dests() {
        return dests.clone();
    }

    public int[] values() {
        return values.clone();
    }

    /** The value for {@code dest}, or -1 when absent. */
    public int valueFor(int dest) {
        for (int k = 0; k < dests.length; k++) {
            if (dests[k] == dest) {
                return values[k];
            }
        }
        return -1;
    }

    /** A copy in which the entry for {@code dest}, if present, has the given value (stays in place). */
    public SparseRow withValue(int dest, int value) {
        for (int k = 0; k < dests.length; k++) {
            if (dests[k] == dest) {
                int[] v = values.clone();
                v[k] = value;
                return new SparseRow(dests, v);
            }
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseRow r && Arrays.equals(dests, r.dests) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dests) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < dests.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append('[').append(dests[k]).append(", ").append(values[k]).append(']');
        }
        return sb.append(']').toString();
    }
}
