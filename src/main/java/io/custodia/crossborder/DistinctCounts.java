package io.custodia.crossborder;

import java.util.Arrays;

/**
 * Exact distinct-individual counts from one pass over the merged fingerprints. For each
 * fingerprint (one individual) it sees every group the individual appears in, so it can count, at
 * once and without a second sort: distinct individuals per transfer (a person in two batches of one
 * transfer counts once), and per volume (legal entity × sensitivity) the individuals by the
 * combination of categories they appear in — counted (declared, not exempt), exempt, undeclared —
 * and the month of their first counted transfer (for the year-to-date chart).
 *
 * <p>Memory is a few counters per group and per volume, independent of the number of lines.
 */
final class DistinctCounts implements RunMerger.Sink {
    static final int COUNTED = 1;
    static final int EXEMPT = 2;
    static final int UNDECLARED = 4;

    private final int[] groupTransfer;
    private final int[] groupVolume;
    private final int[] groupCategory;
    private final int[] groupMonth;
    final long[] perTransfer;
    /** [volume][mask of categories]: individuals seen in exactly that combination. */
    final long[][] perVolumeMask;
    /** [volume][month 1–12]: individuals whose first counted (or undeclared) transfer of the year was in that month. */
    final long[][] firstMonth;
    private long current;
    private boolean has;
    private int[] groups = new int[8];
    private int n;
    long individuals;

    DistinctCounts(int[] groupTransfer, int transfers, int[] groupVolume, int volumes, int[] groupCategory, int[] groupMonth) {
        this.groupTransfer = groupTransfer;
        this.groupVolume = groupVolume;
        this.groupCategory = groupCategory;
        this.groupMonth = groupMonth;
        this.perTransfer = new long[transfers];
        this.perVolumeMask = new long[volumes][8];
        this.firstMonth = new long[volumes][13];
    }

    @Override
    public void accept(long fingerprint, int group) {
        if (has && fingerprint != current) {
            flush();
        }
        current = fingerprint;
        has = true;
        if (n == groups.length) {
            groups = Arrays.copyOf(groups, n * 2);
        }
        groups[n++] = group;
    }

    /** Call once after the merge. */
    DistinctCounts finish() {
        if (has) {
            flush();
            has = false;
        }
        return this;
    }

    private void flush() {
        individuals++;
        // an individual appears in few groups: quadratic de-duplication over a handful is cheapest
        for (int i = 0; i < n; i++) {
            int t = groupTransfer[groups[i]];
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                if (groupTransfer[groups[j]] == t) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                perTransfer[t]++;
            }
        }
        for (int i = 0; i < n; i++) {
            int v = groupVolume[groups[i]];
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                if (groupVolume[groups[j]] == v) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                continue;
            }
            int mask = 0;
            int month = 13;
            for (int j = i; j < n; j++) {
                int g = groups[j];
                if (groupVolume[g] == v) {
                    mask |= groupCategory[g];
                    if ((groupCategory[g] & (COUNTED | UNDECLARED)) != 0) {
                        month = Math.min(month, groupMonth[g]);
                    }
                }
            }
            perVolumeMask[v][mask]++;
            if (month <= 12) {
                firstMonth[v][month]++;
            }
        }
        n = 0;
    }

    /** Individuals of a volume seen in any of the categories in {@code anyOf}. */
    long volume(int v, int anyOf) {
        long s = 0;
        for (int mask = 1; mask < 8; mask++) {
            if ((mask & anyOf) != 0) {
                s += perVolumeMask[v][mask];
            }
        }
        return s;
    }
}
