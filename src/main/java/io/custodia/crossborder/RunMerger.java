package io.custodia.crossborder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K-way merge of sorted runs written by {@link FingerprintSorter}, translating each run's local
 * group numbers into global ones. Output is ordered by fingerprint; pairs of one fingerprint may
 * repeat a group when two runs numbered it differently, so sinks de-duplicate groups per fingerprint. At most {@code fanIn} runs are open at once (64 KiB of buffer
 * each); with more runs, groups of {@code fanIn} are first merged into intermediate runs, so memory
 * stays bounded whatever the number of files and spills.
 */
final class RunMerger {
    /** Receives (fingerprint, global group) pairs in unsigned fingerprint order. */
    interface Sink {
        void accept(long fingerprint, int group);
    }

    /** A run and the map from its group numbers to global ones ({@code null}: already global). */
    record Run(Path file, int[] groupMap) {
    }

    private final Path workDir;
    private final int fanIn;
    private int intermediate;
    private int passes;

    RunMerger(Path workDir, int fanIn) {
        this.workDir = workDir;
        this.fanIn = fanIn;
    }

    /** Merge passes needed before the final one (0 when every run fits in one merge). */
    int extraPasses() {
        return passes;
    }

    void merge(List<Run> runs, Sink sink) {
        List<Run> pending = new ArrayList<>(runs);
        while (pending.size() > fanIn) {
            passes++;
            List<Run> next = new ArrayList<>();
            for (int i = 0; i < pending.size(); i += fanIn) {
                List<Run> batch = pending.subList(i, Math.min(pending.size(), i + fanIn));
                if (batch.size() == 1) {
                    next.add(batch.getFirst());
                    continue;
                }
                Path out = workDir.resolve("merge-" + String.format("%05d", intermediate++) + ".bin");
                Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
                try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                    o.write(FingerprintSorter.MAGIC);
                    mergeOnce(batch, (fp, g) -> {
                        try {
                            o.writeLong(fp);
                            o.writeInt(g);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the merged run " + out + ": " + e.getMessage(), e);
                }
                FingerprintSorter.durableRename(tmp, out);
                next.add(new Run(out, null));
            }
            pending = next;
        }
        mergeOnce(pending, sink);
    }

    private static void mergeOnce(List<Run> runs, Sink sink) {
        List<Cursor> open = new ArrayList<>();
        try {
            for (Run r : runs) {
                Cursor c = new Cursor(r);
                open.add(c);
            }
            Cursor[] heap = open.stream().filter(Cursor::advance).toArray(Cursor[]::new);
            int n = heap.length;
            for (int i = n / 2 - 1; i >= 0; i--) {
                down(heap, i, n);
            }
            boolean any = false;
            long lastFp = 0;
            int lastG = 0;
            while (n > 0) {
                Cursor top = heap[0];
                if (!any || top.fp != lastFp || top.group != lastG) {
                    sink.accept(top.fp, top.group);
                    any = true;
                    lastFp = top.fp;
                    lastG = top.group;
                }
                if (!top.advance()) {
                    heap[0] = heap[--n];
                }
                down(heap, 0, n);
            }
        } finally {
            for (Cursor c : open) {
                c.close();
            }
        }
    }

    private static void down(Cursor[] h, int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int m = l + 1 < n && less(h[l + 1], h[l]) ? l + 1 : l;
            if (!less(h[m], h[i])) {
                return;
            }
            Cursor t = h[i];
            h[i] = h[m];
            h[m] = t;
            i = m;
        }
    }

    private static boolean less(Cursor a, Cursor b) {
        return FingerprintSorter.compare(a.fp, a.group, b.fp, b.group) < 0;
    }

    /** Reads one run; checks its magic and that it ends on a record boundary. */
    private static final class Cursor {
        private final Run run;
        private final DataInputStream in;
        private long fp;
        private int group;
        private final byte[] record = new byte[FingerprintSorter.RECORD];
        private long prevFp;
        private boolean started;

        Cursor(Run run) {
            this.run = run;
            try {
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run.file()), 1 << 16));
                byte[] magic = new byte[FingerprintSorter.MAGIC.length];
                in.readFully(magic);
                if (!Arrays.equals(magic, FingerprintSorter.MAGIC)) {
                    throw new IllegalStateException(run.file() + " is not a sorted run written by reconcile");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the sorted run " + run.file() + ": " + e.getMessage(), e);
            }
        }

        boolean advance() {
            try {
                int first = in.read();
                if (first < 0) {
                    return false;
                }
                try {
                    in.readFully(record, 1, FingerprintSorter.RECORD - 1);
                } catch (EOFException cut) {
                    throw new IllegalStateException("the sorted run " + run.file() + " is truncated (a record is cut short)");
                }
                record[0] = (byte) first;
                long f = 0;
                for (int i = 0; i < 8; i++) {
                    f = f << 8 | (record[i] & 0xff);
                }
                int g = (record[8] & 0xff) << 24 | (record[9] & 0xff) << 16 | (record[10] & 0xff) << 8 | (record[11] & 0xff);
                int global = run.groupMap() == null ? g : run.groupMap()[g];
                // order is checked on the fingerprint only: group numbers change when mapped to global ones
                if (started && Long.compareUnsigned(f, prevFp) < 0) {
                    throw new IllegalStateException("the sorted run " + run.file() + " is out of order: it was changed or damaged");
                }
                prevFp = f;
                started = true;
                fp = f;
                group = global;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sorted run " + run.file() + ": " + e.getMessage(), e);
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }
}
