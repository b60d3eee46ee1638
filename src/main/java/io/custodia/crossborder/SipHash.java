package io.custodia.crossborder;

import java.security.SecureRandom;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash built for hash tables under
 * attack. Reconcile turns each egress line's subject hash into a 64-bit fingerprint with it, under a
 * random key made for the run, so that the sorted runs spilled to disk hold nothing linkable to a
 * person beyond that run, and nobody who does not know the key can craft two subject hashes that
 * collide (which would hide an individual from the distinct count).
 */
final class SipHash {
    private final long k0;
    private final long k1;

    SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** From 16 key bytes, little-endian as in the reference implementation. */
    static SipHash of(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("a SipHash key has 16 bytes, not " + key.length);
        }
        return new SipHash(le(key, 0), le(key, 8));
    }

    static byte[] randomKey() {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return k;
    }

    long hash(byte[] m) {
        return hash(m, 0, m.length);
    }

    long hash(byte[] m, int off, int len) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int end = off + (len & ~7);
        for (int i = off; i < end; i += 8) {
            long w = le(m, i);
            v3 ^= w;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= w;
        }
        long last = ((long) len & 0xff) << 56;
        for (int i = 0; i < (len & 7); i++) {
            last |= (m[end + i] & 0xffL) << (8 * i);
        }
        return finish(v0, v1, v2, v3, last);
    }

    /**
     * The hash of the string's UTF-16LE bytes, without encoding it first: the same value as
     * {@code hash(s.getBytes(UTF_16LE))}. Four characters make one 64-bit word.
     */
    long hash(CharSequence s) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int n = s.length();
        int end = n & ~3;
        for (int i = 0; i < end; i += 4) {
            long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32 | (long) s.charAt(i + 3) << 48;
            v3 ^= w;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= w;
        }
        long last = ((long) (2 * n) & 0xff) << 56;
        for (int i = 0; i < (n & 3); i++) {
            last |= (long) s.charAt(end + i) << (16 * i);
        }
        return finish(v0, v1, v2, v3, last);
    }

    /**
     * The hash of ASCII (or Latin-1) bytes read as characters: the same value as {@code hash(new
     * String(b, off, len, ISO_8859_1))}, without making the string.
     */
    long hashLatin1(byte[] b, int off, int len) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int end = off + (len & ~3);
        for (int i = off; i < end; i += 4) {
            long w = (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 32 | (b[i + 3] & 0xffL) << 48;
            v3 ^= w;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= w;
        }
        long last = ((long) (2 * len) & 0xff) << 56;
        for (int i = 0; i < (len & 3); i++) {
            last |= (b[end + i] & 0xffL) << (16 * i);
        }
        return finish(v0, v1, v2, v3, last);
    }

    private static long finish(long v0, long v1, long v2, long v3, long b) {
        v3 ^= b;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= b;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long le(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
    }

    @Override
    public String toString() {
        return "SipHash-2-4[key not shown]";
    }
}
