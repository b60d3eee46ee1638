package io.custodia.share.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A 128-bit fingerprint of a tuple of values (a quasi-identifier tuple, a subject key): the values
 * are encoded as a sequence of 64-bit words and hashed with MurmurHash3 x64-128 (the word sequence
 * is exactly its little-endian byte input, so any MurmurHash3 implementation reproduces it).
 *
 * <p>Why 128 bits: equivalence classes and consent sets are held as fingerprints only, and a
 * collision would merge two classes (a record wrongly counted as k-anonymous) or let a customer
 * without consent through. Among 10 million distinct tuples a 64-bit collision has a probability
 * of about 3 in a million; at 128 bits about 1.5 in 10<sup>25</sup>. Not a keyed or cryptographic
 * hash: it lives in memory and in Custodia's own work directory, never in an output or a ledger.
 *
 * <p>The encoding is injective: every value starts with a type tag word, strings are
 * length-prefixed and packed four UTF-16 units per word, null has its own tag, so {@code ("a|b",
 * "c")} and {@code ("a", "b|c")} or {@code (null, "")} and {@code ("", null)} never encode alike.
 * Not thread-safe; reuse one per thread with {@link #reset()}.
 */
public final class Fingerprint128 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private long[] words = new long[16];
    private int n;
    private long high;
    private long low;
    private boolean done;

    public Fingerprint128 reset() {
        n = 0;
        done = false;
        return this;
    }

    private void word(long w) {
        if (n == words.length) {
            words = Arrays.copyOf(words, n * 2);
        }
        words[n++] = w;
        done = false;
    }

    /** Adds one value of any row type (String, Integer, Long, Double, Boolean, LocalDate, Instant) or null. */
    public Fingerprint128 add(Object value) {
        switch (value) {
            case null -> word(0xA1L);
            case String s -> {
                word(0xA2L);
                word(s.length());
                int i = 0;
                for (; i + 3 < s.length(); i += 4) {
                    word(((long) s.charAt(i) << 48) | ((long) s.charAt(i + 1) << 32) | ((long) s.charAt(i + 2) << 16) | s.charAt(i + 3));
                }
                if (i < s.length()) {
                    long tail = 0;
                    for (; i < s.length(); i++) {
                        tail = (tail << 16) | s.charAt(i);
                    }
                    word(tail);
                }
            }
            case Integer v -> {
                word(0xA3L);
                word(v);
            }
            case Long v -> {
                word(0xA4L);
                word(v);
            }
            case Double d -> {
                word(0xA5L);
                word(Double.doubleToLongBits(d));
            }
            case Boolean b -> word(b ? 0xA6L : 0xA7L);
            case LocalDate d -> {
                word(0xA8L);
                word(d.toEpochDay());
            }
            case Instant t -> {
                word(0xA9L);
                word(t.getEpochSecond());
                word(t.getNano());
            }
            default -> throw new IllegalArgumentException("cannot fingerprint a " + value.getClass().getSimpleName());
        }
        return this;
    }

    public long high() {
        finish();
        return high;
    }

    public long low() {
        finish();
        return low;
    }

    /** MurmurHash3_x64_128, seed 0, over the words as little-endian bytes. */
    private void finish() {
        if (done) {
            return;
        }
        long h1 = 0;
        long h2 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long k1 = words[i];
            long k2 = words[i + 1];
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        if (i < n) {
            long k1 = words[i];
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
        }
        long len = 8L * n;
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        high = h1;
        low = h2;
        done = true;
    }

    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** A 64-bit fingerprint of one value, e.g. a sensitive attribute for l-diversity; never 0. */
    public static long of64(Object value) {
        long v = new Fingerprint128().add(value).high();
        return v == 0 ? 1 : v;
    }
}
