package io.custodia.sampledata;

import java.util.SplittableRandom;

/**
 * SplitMix64-style hashing. Every random choice of the generator is a pure function of
 * (seed, stream, index): a customer's attributes can be recomputed from its index alone, so
 * datasets that refer to customers (egress logs, consents) never need a stored list of them.
 */
final class Mix {
    private Mix() {
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long stream, long index) {
        return mix64(mix64(seed ^ mix64(stream * 0x9E3779B97F4A7C15L)) + index * 0xD1B54A32D192ED03L);
    }

    static long hash(long seed, long stream, long index, long sub) {
        return mix64(hash(seed, stream, index) ^ mix64(sub * 0x632BE59BD9B4E019L + 0x2545F4914F6CDD1DL));
    }

    /** A uniform double in [0, 1) from the top 53 bits of a hash. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    static double unit(long seed, long stream, long index) {
        return unit(hash(seed, stream, index));
    }

    static double unit(long seed, long stream, long index, long sub) {
        return unit(hash(seed, stream, index, sub));
    }

    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(hash(seed, stream, index));
    }
}
