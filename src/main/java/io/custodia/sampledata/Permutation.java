package io.custodia.sampledata;

import java.math.BigInteger;

/**
 * A deterministic bijection of [0, n): j ↦ (a·j + b) mod n with gcd(a, n) = 1, and its inverse.
 * Picks distinct customers for a transfer (a window of positions) and answers "where is customer i"
 * without holding any list.
 */
final class Permutation {
    private final long n;
    private final long a;
    private final long b;
    private final long aInverse;

    Permutation(long seed, long stream, long n) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("permutation size out of range: " + n);
        }
        this.n = n;
        if (n == 1) {
            a = 1;
            b = 0;
            aInverse = 1;
            return;
        }
        long h = Mix.hash(seed, stream, 0);
        long candidate = Math.floorMod(h, n);
        // Aim for a multiplier near n·0.618 so neighbouring positions land far apart.
        candidate = Math.floorMod(candidate / 4 + (long) (n * 0.6180339887), n);
        if (candidate < 2) {
            candidate = 2;
        }
        while (BigInteger.valueOf(candidate).gcd(BigInteger.valueOf(n)).longValue() != 1) {
            candidate = candidate + 1 >= n ? 1 : candidate + 1;
        }
        a = candidate;
        b = Math.floorMod(Mix.hash(seed, stream, 1), n);
        aInverse = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(n)).longValue();
    }

    long size() {
        return n;
    }

    /** The customer index at position j. */
    long at(long j) {
        return (a * Math.floorMod(j, n) + b) % n;
    }

    /** The position of customer index i. */
    long positionOf(long i) {
        return aInverse * Math.floorMod(i - b, n) % n;
    }
}
