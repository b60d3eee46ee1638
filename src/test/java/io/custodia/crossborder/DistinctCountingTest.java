package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded-memory counting path on its own: pairs spilled in many small sorted runs by several
 * "workers" with different group numbering, merged a few at a time over several passes, must give
 * exactly the distinct counts a plain in-memory set gives.
 */
class DistinctCountingTest {
    @TempDir
    Path tmp;

    @Test
    void sortOrdersByUnsignedFingerprintThenGroup() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 10_000;
        long[] fp = new long[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            fp[i] = i % 10 == 0 ? Long.MIN_VALUE + r.nextInt(5) : r.nextInt(3) == 0 ? -r.nextInt(100) : r.nextLong(1_000);
            g[i] = r.nextInt(4);
        }
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(new long[] {fp[i], g[i]});
        }
        expected.sort((a, b) -> FingerprintSorter.compare(a[0], (int) a[1], b[0], (int) b[1]));
        FingerprintSorter.sort(fp, g, 0, n);
        for (int i = 0; i < n; i++) {
            assertThat(fp[i]).isEqualTo(expected.get(i)[0]);
            assertThat((long) g[i]).isEqualTo(expected.get(i)[1]);
        }
    }

    @Test
    void spilledRunsMergedInPassesCountExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        SipHash sip = SipHash.of(SipHash.randomKey());
        // 6 global groups: transfers 0..3; volumes: 0 = {g0 counted, g1 exempt, g2 counted}, 1 = {g3 counted, g4 undeclared}, g5 undeclared in volume 0
        int[] groupTransfer = {0, 1, 2, 2, 3, 4};
        int[] groupVolume = {0, 0, 0, 1, 1, 0};
        int[] groupCategory = {DistinctCounts.COUNTED, DistinctCounts.EXEMPT, DistinctCounts.COUNTED, DistinctCounts.COUNTED,
                DistinctCounts.UNDECLARED, DistinctCounts.UNDECLARED};
        int[] groupMonth = {3, 1, 5, 5, 7, 2};
        Map<Integer, Set<String>> perTransfer = new HashMap<>();
        Map<String, Set<String>> perVolumeCategory = new HashMap<>();
        Map<String, Integer> firstCountedMonth = new HashMap<>();
        List<RunMerger.Run> runs = new ArrayList<>();
        for (int worker = 0; worker < 3; worker++) {
            // each worker numbers groups its own way: local = (global + worker) % 6
            int[] map = new int[6];
            for (int global = 0; global < 6; global++) {
                map[(global + worker) % 6] = global;
            }
            FingerprintSorter sorter = new FingerprintSorter(tmp, "w" + worker, 97);
            for (int i = 0; i < 7_000; i++) {
                String subject = "subject-" + r.nextInt(5_000);
                int global = r.nextInt(6);
                sorter.add(sip.hash(subject), (global + worker) % 6);
                perTransfer.computeIfAbsent(groupTransfer[global], k -> new HashSet<>()).add(subject);
                perVolumeCategory.computeIfAbsent(groupVolume[global] + "|" + groupCategory[global], k -> new HashSet<>()).add(subject);
                if (groupCategory[global] != DistinctCounts.EXEMPT) {
                    firstCountedMonth.merge(groupVolume[global] + "|" + subject, groupMonth[global], Math::min);
                }
            }
            for (Path run : sorter.finish()) {
                runs.add(new RunMerger.Run(run, map));
            }
        }
        assertThat(runs.size()).isGreaterThan(200);
        RunMerger merger = new RunMerger(tmp, 4);
        DistinctCounts counts = new DistinctCounts(groupTransfer, 5, groupVolume, 2, groupCategory, groupMonth);
        merger.merge(runs, counts);
        counts.finish();
        assertThat(merger.extraPasses()).isGreaterThanOrEqualTo(3);
        for (int t = 0; t < 5; t++) {
            assertThat(counts.perTransfer[t]).as("transfer %d", t).isEqualTo(perTransfer.get(t).size());
        }
        for (int v = 0; v < 2; v++) {
            for (int cat : new int[] {DistinctCounts.COUNTED, DistinctCounts.EXEMPT, DistinctCounts.UNDECLARED}) {
                long expected = perVolumeCategory.getOrDefault(v + "|" + cat, Set.of()).size();
                assertThat(counts.volume(v, cat)).as("volume %d category %d", v, cat).isEqualTo(expected);
            }
            Set<String> union = new HashSet<>(perVolumeCategory.getOrDefault(v + "|" + DistinctCounts.COUNTED, Set.of()));
            union.addAll(perVolumeCategory.getOrDefault(v + "|" + DistinctCounts.UNDECLARED, Set.of()));
            assertThat(counts.volume(v, DistinctCounts.COUNTED | DistinctCounts.UNDECLARED)).isEqualTo(union.size());
            long[] months = new long[13];
            final int vol = v;
            firstCountedMonth.forEach((k, m) -> {
                if (k.startsWith(vol + "|")) {
                    months[m]++;
                }
            });
            assertThat(counts.firstMonth[v]).containsExactly(months);
        }
    }

    @Test
    void aDamagedRunIsRefused() throws Exception {
        FingerprintSorter sorter = new FingerprintSorter(tmp, "x", 16);
        for (int i = 0; i < 10; i++) {
            sorter.add(i, 0);
        }
        Path run = sorter.finish().getFirst();
        byte[] bytes = Files.readAllBytes(run);
        Files.write(run, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> new RunMerger(tmp, 4).merge(List.of(new RunMerger.Run(run, new int[] {0})), (f, g) -> { }))
                .hasMessageContaining("truncated");
        Files.write(run, bytes);
        // swap two records: out of order
        byte[] swapped = bytes.clone();
        int m = FingerprintSorter.MAGIC.length;
        System.arraycopy(bytes, m, swapped, m + 12, 12);
        System.arraycopy(bytes, m + 12, swapped, m, 12);
        Files.write(run, swapped);
        assertThatThrownBy(() -> new RunMerger(tmp, 4).merge(List.of(new RunMerger.Run(run, new int[] {0})), (f, g) -> { }))
                .hasMessageContaining("out of order");
    }
}
