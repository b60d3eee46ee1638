package io.custodia.share.privacy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Distinct subjects as 64-bit fingerprints in one primitive array (8 bytes per slot, at most 70 %
 * full), for the "distinct individuals" count of an export whose source has several records per
 * subject (orders). A count, not a filter: two subjects sharing a fingerprint would undercount by
 * one, with probability about 3 in a million among 10 million subjects.
 */
public final class SubjectSet {
    private long[] table;
    private int size;
    private boolean hasZero;

    public SubjectSet() {
        table = new long[1024];
    }

    public boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) > table.length * 7L / 10) {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long o : old) {
                if (o != 0) {
                    add(o);
                }
            }
        }
        int mask = table.length - 1;
        int i = (int) Fingerprint128.fmix(v) & mask;
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

    public long size() {
        return size + (hasZero ? 1 : 0);
    }

    public void forEach(LongConsumer c) {
        if (hasZero) {
            c.accept(0);
        }
        for (long v : table) {
            if (v != 0) {
                c.accept(v);
            }
        }
    }

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(size());
        if (hasZero) {
            out.writeLong(0);
        }
        for (long v : table) {
            if (v != 0) {
                out.writeLong(v);
            }
        }
    }

    /** Adds the fingerprints written by {@link #writeTo}. */
    public void readFrom(DataInputStream in) throws IOException {
        long n = in.readLong();
        for (long i = 0; i < n; i++) {
            add(in.readLong());
        }
    }
}
