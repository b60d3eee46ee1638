package io.custodia.crossborder;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects (fingerprint, group) pairs in a fixed buffer and, whenever it is full, sorts it
 * (fingerprint as unsigned, then group), drops repeated pairs and writes it to disk as a sorted run.
 * Memory is {@code 12 × capacity} bytes whatever the number of lines, which is how 10 million
 * egress lines are counted exactly without holding 10 million fingerprints: the runs are merged
 * afterwards by {@link RunMerger}.
 *
 * <p>Run file: the magic {@code CXRUN1\n}, then 12-byte records (big-endian long fingerprint, int group).
 */
final class FingerprintSorter {
    static final byte[] MAGIC = "CXRUN1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int RECORD = 12;

    private final Path dir;
    private final String prefix;
    private final long[] fps;
    private final int[] groups;
    private int size;
    private final List<Path> runs = new ArrayList<>();
    private long spilled;

    FingerprintSorter(Path dir, String prefix, int capacity) {
        this.dir = dir;
        this.prefix = prefix;
        this.fps = new long[capacity];
        this.groups = new int[capacity];
    }

    void add(long fingerprint, int group) {
        if (size == fps.length) {
            spill();
        }
        fps[size] = fingerprint;
        groups[size] = group;
        size++;
    }

    /** Writes what is buffered and returns every run written, in order. */
    List<Path> finish() {
        if (size > 0 || runs.isEmpty()) {
            spill();
        }
        return List.copyOf(runs);
    }

    int runCount() {
        return runs.size();
    }

    /** Pairs written to disk so far (after dropping repeats within a run). */
    long spilled() {
        return spilled;
    }

    private void spill() {
        sort(fps, groups, 0, size);
        Path run = dir.resolve(prefix + "-run-" + String.format("%05d", runs.size()) + ".bin");
        spilled += write(run, fps, groups, size);
        runs.add(run);
        size = 0;
    }

    /** Writes sorted pairs, dropping adjacent repeats, to a temporary name, forces it to disk, then renames it. */
    static long write(Path run, long[] fps, int[] groups, int n) {
        Path tmp = run.resolveSibling("." + run.getFileName() + ".tmp");
        long written = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.write(MAGIC);
            for (int i = 0; i < n; i++) {
                if (i > 0 && fps[i] == fps[i - 1] && groups[i] == groups[i - 1]) {
                    continue;
                }
                out.writeLong(fps[i]);
                out.writeInt(groups[i]);
                written++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sorted run " + run + ": " + e.getMessage(), e);
        }
        durableRename(tmp, run);
        return written;
    }

    static void durableRename(Path tmp, Path target) {
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + target + ": " + e.getMessage(), e);
        }
    }

    static int compare(long fpA, int gA, long fpB, int gB) {
        int c = Long.compareUnsigned(fpA, fpB);
        return c != 0 ? c : Integer.compare(gA, gB);
    }

    /** In-place sort of parallel arrays by (fingerprint unsigned, group): quicksort, median of three, insertion sort below 24. */
    static void sort(long[] fp, int[] g, int from, int to) {
        while (to - from > 24) {
            int mid = (from + to) >>> 1;
            int a = from;
            int c = to - 1;
            if (compare(fp[mid], g[mid], fp[a], g[a]) < 0) {
                swap(fp, g, mid, a);
            }
            if (compare(fp[c], g[c], fp[a], g[a]) < 0) {
                swap(fp, g, c, a);
            }
            if (compare(fp[c], g[c], fp[mid], g[mid]) < 0) {
                swap(fp, g, c, mid);
            }
            long pf = fp[mid];
            int pg = g[mid];
            int i = from;
            int j = to - 1;
            while (i <= j) {
                while (compare(fp[i], g[i], pf, pg) < 0) {
                    i++;
                }
                while (compare(fp[j], g[j], pf, pg) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(fp, g, i, j);
                    i++;
                    j--;
                }
            }
            // recurse into the smaller side, loop on the larger: the stack stays O(log n)
            if (j + 1 - from < to - i) {
                sort(fp, g, from, j + 1);
                from = i;
            } else {
                sort(fp, g, i, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long f = fp[i];
            int x = g[i];
            int j = i - 1;
            while (j >= from && compare(fp[j], g[j], f, x) > 0) {
                fp[j + 1] = fp[j];
                g[j + 1] = g[j];
                j--;
            }
            fp[j + 1] = f;
            g[j + 1] = x;
        }
    }

    private static void swap(long[] fp, int[] g, int i, int j) {
        long t = fp[i];
        fp[i] = fp[j];
        fp[j] = t;
        int u = g[i];
        g[i] = g[j];
        g[j] = u;
    }
}
