package io.custodia.sampledata;

/**
 * The customers whose sensitive data (card numbers) leave through the fraud-screening transfers
 * of one year: the first {@code target} customers, in a fixed permutation, who have an account and
 * a cross-border separate consent at one of the screening dates at least. Membership is a pure
 * function of the customer index; the set itself is never stored.
 */
final class SensitiveSet {
    private final Facts.Model model;
    private final Permutation permutation;
    private final long[] screeningTimes;
    private final long limit;
    private final long size;

    SensitiveSet(Facts.Model model, Permutation permutation, long[] screeningTimes, long target) {
        this.model = model;
        this.permutation = permutation;
        this.screeningTimes = screeningTimes.clone();
        long taken = 0;
        long j = 0;
        while (j < permutation.size() && taken < target) {
            if (eligible(model.of(permutation.at(j)))) {
                taken++;
            }
            j++;
        }
        this.limit = j;
        this.size = taken;
    }

    /** Members in the set (the target, or fewer when the population is too small). */
    long size() {
        return size;
    }

    /** Members lie at positions [0, limit) of the permutation. */
    long limit() {
        return limit;
    }

    Permutation permutation() {
        return permutation;
    }

    boolean contains(long index) {
        return permutation.positionOf(index) < limit && eligible(model.of(index));
    }

    boolean eligible(Facts f) {
        return firstScreening(f) >= 0;
    }

    /** Index of the first screening date at which the customer may be screened, or -1. */
    int firstScreening(Facts f) {
        for (int m = 0; m < screeningTimes.length; m++) {
            if (reachable(f, screeningTimes[m])) {
                return m;
            }
        }
        return -1;
    }

    int lastScreening(Facts f) {
        for (int m = screeningTimes.length - 1; m >= 0; m--) {
            if (reachable(f, screeningTimes[m])) {
                return m;
            }
        }
        return -1;
    }

    static boolean reachable(Facts f, long t) {
        return f.activeAt(t) && f.crossBorderConsentAt(t);
    }
}
