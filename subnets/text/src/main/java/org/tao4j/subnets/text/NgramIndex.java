package org.tao4j.subnets.text;

/**
 * Maps n-gram keys to dense entry numbers 0, 1, 2, ...; the models keep their counts in arrays
 * indexed by entry. Open addressing with linear probing on primitive arrays: a boxed HashMap would
 * take several times the memory for the few hundred thousand n-grams of a book.
 *
 * <p>A key packs up to ten symbols, 6 bits each, as {@code symbol + 1} so that keys of different
 * lengths never collide and no key is 0: {@code key(s1..sn) = (key(s1..sn-1) << 6) | (sn + 1)}.
 */
final class NgramIndex {
    static final int MAX_LENGTH = 10;
    private static final int BITS = 6;

    private long[] keys;
    private int[] entries;
    private int size;
    private int mask;

    NgramIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        entries = new int[capacity];
        mask = capacity - 1;
    }

    static long append(long key, int symbol) {
        return (key << BITS) | (symbol + 1);
    }

    /** The key without its first (oldest) symbol; {@code length} is the key's length. */
    static long dropFirst(long key, int length) {
        return key & ((1L << (BITS * (length - 1))) - 1);
    }

    /** The key without its last symbol. */
    static long dropLast(long key) {
        return key >>> BITS;
    }

    static int length(long key) {
        return (64 - Long.numberOfLeadingZeros(key) + BITS - 1) / BITS;
    }

    int size() {
        return size;
    }

    /** The entry of {@code key}, or -1. */
    int find(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return entries[slot];
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The entry of {@code key}, added as the next entry number if new. */
    int addOrFind(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return entries[slot];
            }
            if (k == 0) {
                keys[slot] = key;
                entries[slot] = size;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return size - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Calls {@code visitor} with every key and its entry. */
    void forEach(KeyVisitor visitor) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                visitor.visit(keys[slot], entries[slot]);
            }
        }
    }

    interface KeyVisitor {
        void visit(long key, int entry);
    }

    private int slot(long key) {
        long h = (key ^ (key >>> 33)) * 0xFF51AFD7ED558CCDL; // murmur3's finaliser: every key bit moves the low bits
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldEntries = entries;
        keys = new long[oldKeys.length * 2];
        entries = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                entries[slot] = oldEntries[i];
            }
        }
    }
}
