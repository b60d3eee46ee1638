package io.custodia.share.privacy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Equivalence classes of an export: for each distinct quasi-identifier tuple (as a {@link
 * Fingerprint128}), how many records have it and, for l-diversity, up to {@code l} distinct
 * fingerprints of the sensitive attribute's values seen in it. An open-addressing table of
 * primitives: 20 bytes per class plus 8 per diversity slot, at most 70 % full, no boxing.
 *
 * <p>Only {@code l} values are kept per class because l-diversity only asks "at least l distinct
 * values?": once a class has l, more values change nothing. That bounds memory by classes, not
 * by records.
 */
public final class ClassCounts {
    private final int l;
    private long[] hi;
    private long[] lo;
    private int[] counts;
    private long[] values;
    private int size;
    private long records;

    /** @param l distinct sensitive values to track per class (0: no l-diversity) */
    public ClassCounts(int l) {
        this(l, 1024);
    }

    public ClassCounts(int l, int expected) {
        if (l < 0) {
            throw new IllegalArgumentException("l must be >= 0");
        }
        this.l = l;
        allocate(capacityFor(Math.max(16, expected)));
    }

    private static int capacityFor(int n) {
        long cap = Long.highestOneBit(Math.max(16L, (long) Math.ceil(n / 0.7))) << 1;
        if (cap > (1 << 30)) {
            throw new IllegalStateException("too many equivalence classes: " + n);
        }
        return (int) cap;
    }

    private void allocate(int cap) {
        hi = new long[cap];
        lo = new long[cap];
        counts = new int[cap];
        values = l == 0 ? null : new long[cap * l];
    }

    public int l() {
        return l;
    }

    /** Number of classes. */
    public int size() {
        return size;
    }

    /** Number of records counted. */
    public long records() {
        return records;
    }

    /** Counts one record of class (h, lo) whose sensitive value has fingerprint {@code value} (ignored when l = 0; 0 means none). */
    public void add(long h, long lw, long value) {
        int slot = slotFor(h, lw, 1);
        if (l > 0 && value != 0) {
            addValue(slot, value);
        }
    }

    /** Counts one record without a sensitive value. */
    public void add(long h, long lw) {
        slotFor(h, lw, 1);
    }

    private void add(long h, long lw, int count, long[] vals, int nvals) {
        int slot = slotFor(h, lw, count);
        for (int v = 0; v < nvals && l > 0; v++) {
            addValue(slot, vals[v]);
        }
    }

    /** Finds or creates the class and adds {@code count} records to it; returns its slot. */
    private int slotFor(long h, long lw, int count) {
        if ((size + 1) > counts.length * 7L / 10) {
            grow();
        }
        int slot = find(h, lw);
        if (counts[slot] == 0) {
            hi[slot] = h;
            lo[slot] = lw;
            size++;
        }
        if ((long) counts[slot] + count > Integer.MAX_VALUE) {
            throw new IllegalStateException("an equivalence class exceeds " + Integer.MAX_VALUE + " records");
        }
        counts[slot] += count;
        records += count;
        return slot;
    }

    private void addValue(int slot, long value) {
        int base = slot * l;
        for (int i = 0; i < l; i++) {
            long cur = values[base + i];
            if (cur == value) {
                return;
            }
            if (cur == 0) {
                values[base + i] = value;
                return;
            }
        }
    }

    private int find(long h, long lw) {
        int mask = counts.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (counts[i] != 0 && (hi[i] != h || lo[i] != lw)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Records in class (h, lo), 0 when absent. */
    public int count(long h, long lw) {
        return counts[find(h, lw)];
    }

    /** Distinct sensitive values seen in class (h, lo), capped at l. */
    public int distinct(long h, long lw) {
        int slot = find(h, lw);
        return counts[slot] == 0 ? 0 : distinctAt(slot);
    }

    private int distinctAt(int slot) {
        if (l == 0) {
            return 0;
        }
        int d = 0;
        while (d < l && values[slot * l + d] != 0) {
            d++;
        }
        return d;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        int[] oc = counts;
        long[] ov = values;
        allocate(oc.length * 2);
        size = 0;
        records = 0;
        for (int s = 0; s < oc.length; s++) {
            if (oc[s] != 0) {
                reinsert(oh[s], ol[s], oc[s], ov, s);
            }
        }
    }

    private void reinsert(long h, long lw, int count, long[] vals, int slot) {
        int at = find(h, lw);
        hi[at] = h;
        lo[at] = lw;
        counts[at] = count;
        size++;
        records += count;
        if (l > 0) {
            System.arraycopy(vals, slot * l, values, at * l, l);
        }
    }

    /** Adds every class of {@code other} (same l). */
    public void merge(ClassCounts other) {
        if (other.l != l) {
            throw new IllegalArgumentException("cannot merge classes tracking l=" + other.l + " into l=" + l);
        }
        long[] buf = l == 0 ? null : new long[l];
        for (int s = 0; s < other.counts.length; s++) {
            if (other.counts[s] != 0) {
                int d = other.distinctAt(s);
                if (d > 0) {
                    System.arraycopy(other.values, s * l, buf, 0, d);
                }
                add(other.hi[s], other.lo[s], other.counts[s], buf, d);
            }
        }
    }

    /** Visits every class. */
    public void forEach(ClassVisitor visitor) {
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] != 0) {
                visitor.visit(hi[s], lo[s], counts[s], distinctAt(s));
            }
        }
    }

    @FunctionalInterface
    public interface ClassVisitor {
        void visit(long hi, long lo, int records, int distinctSensitive);
    }

    private static final int MAGIC = 0x43_4C_53_31; // "CLS1"

    /** Writes the classes (for merging partitions): header, then hi, lo, count and l value slots per class. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(l);
        out.writeInt(size);
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] != 0) {
                out.writeLong(hi[s]);
                out.writeLong(lo[s]);
                out.writeInt(counts[s]);
                for (int i = 0; i < l; i++) {
                    out.writeLong(values[s * l + i]);
                }
            }
        }
    }

    /** Reads classes written by {@link #writeTo} and adds them to this table. */
    public void readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not an equivalence-class file");
        }
        int fileL = in.readInt();
        if (fileL != l) {
            throw new IOException("class file tracks l=" + fileL + ", expected l=" + l);
        }
        int n = in.readInt();
        long[] buf = l == 0 ? null : new long[l];
        for (int i = 0; i < n; i++) {
            long h = in.readLong();
            long lw = in.readLong();
            int c = in.readInt();
            int d = 0;
            for (int j = 0; j < l; j++) {
                long v = in.readLong();
                if (v != 0) {
                    buf[d++] = v;
                }
            }
            add(h, lw, c, buf, d);
        }
    }

    /** Approximate heap bytes held, for the report's memory note. */
    public long heapBytes() {
        return (long) counts.length * (20 + 8L * l);
    }
}
