package io.custodia.util;


/**
 * An open-addressing set of longs (no boxing): 8–16 bytes per element, for exact distinct counts
 * of hashed keys. Zero is stored out of band, so every long value is allowed.
 */
public final class LongHashSet {
    private long[] table;
    private int size;
    private boolean hasZero;

    public LongHashSet() {
        this(1024);
    }

    public LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap];
    }

    /** Adds {@code v}; true if it was not there. */
    public boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(v) & mask;
        while (table[i] != 0) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        size++;
        return true;
    }

    public boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        int mask = table.length - 1;
        int i = (int) mix(v) & mask;
        while (table[i] != 0) {
            if (table[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    public long size() {
        return size + (hasZero ? 1 : 0);
    }

    /** Adds every element of {@code other}. */
    public void addAll(LongHashSet other) {
        for (long v : other.table) {
            if (v != 0) {
                add(v);
            }
        }
        if (other.hasZero) {
            add(0);
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                add(v);
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A 64-bit fingerprint of a string, for distinct counting in memory only (not a keyed hash: never store it). */
    public static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    @Override
    public String toString() {
        return "LongHashSet[size=" + size() + ", capacity=" + table.length + "]";
    }
}
