package io.custodia.share.privacy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A set of {@link Fingerprint128}s in two primitive arrays (16 bytes per slot, at most 70 % full):
 * the consenting subjects of a consent filter, or the suppressed equivalence classes that the
 * second pass leaves out. (0, 0) is stored out of band, so every fingerprint is allowed.
 */
public final class FingerprintSet {
    private long[] hi;
    private long[] lo;
    private boolean[] used;
    private int size;

    public FingerprintSet() {
        this(1024);
    }

    public FingerprintSet(int expected) {
        int cap = Integer.highestOneBit((int) Math.min(1 << 29, Math.max(16, (long) Math.ceil(expected / 0.7)))) << 1;
        hi = new long[cap];
        lo = new long[cap];
        used = new boolean[cap];
    }

    public boolean add(long h, long l) {
        if ((size + 1) > hi.length * 7L / 10) {
            grow();
        }
        int i = find(h, l);
        if (used[i]) {
            return false;
        }
        used[i] = true;
        hi[i] = h;
        lo[i] = l;
        size++;
        return true;
    }

    public boolean contains(long h, long l) {
        return used[find(h, l)];
    }

    private int find(long h, long l) {
        int mask = hi.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i] && (hi[i] != h || lo[i] != l)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        boolean[] ou = used;
        hi = new long[oh.length * 2];
        lo = new long[oh.length * 2];
        used = new boolean[oh.length * 2];
        size = 0;
        for (int i = 0; i < oh.length; i++) {
            if (ou[i]) {
                add(oh[i], ol[i]);
            }
        }
    }

    private static final int MAGIC = 0x46_50_53_31; // "FPS1"

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(size);
        for (int i = 0; i < hi.length; i++) {
            if (used[i]) {
                out.writeLong(hi[i]);
                out.writeLong(lo[i]);
            }
        }
    }

    public static FingerprintSet readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a fingerprint-set file");
        }
        int n = in.readInt();
        FingerprintSet set = new FingerprintSet(n);
        for (int i = 0; i < n; i++) {
            set.add(in.readLong(), in.readLong());
        }
        return set;
    }
}
