package io.custodia.crossborder;

import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;

/**
 * Run in a child JVM with a small fixed heap by {@link BoundedMemoryTest}: scans one egress file
 * into spilled sorted runs, merges them and prints the distinct count. Prints "OK <lines>
 * <individuals> <runs>" on success.
 */
public final class BoundedMemoryProbe {
    private BoundedMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path work = Path.of(args[1]);
        if (args[2].equals("in-memory")) {
            // what counting without spilling would hold: every distinct subject hash
            HashSet<String> all = new HashSet<>();
            EgressLine line = new EgressLine(EgressLine.COLUMNS.keySet());
            try {
                for (String l : (Iterable<String>) Files.lines(file)::iterator) {
                    byte[] b = l.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    line.parse(b, 0, b.length);
                    all.add(line.subjectHash());
                }
                System.out.println("OK " + all.size());
            } catch (OutOfMemoryError e) {
                all = null;
                System.out.println("OUT OF MEMORY");
            }
            return;
        }
        int buffer = Integer.parseInt(args[2]);
        ReconcilePeriod period = new ReconcilePeriod(LocalDate.of(2026, 11, 25), ZoneId.of("UTC"));
        EgressScanner scanner = new EgressScanner(new EgressScanner.LedgerView(new TransferIndex(List.of()), new String[0], new boolean[0]),
                period, SipHash.of(SipHash.randomKey()), new HashSet<>(EgressLine.COLUMNS.keySet()), 10);
        EgressScan scan = scanner.scan(new org.apache.hadoop.fs.Path(file.toUri()), "egress.jsonl", Storage.configuration(), work, "p", buffer);
        int groups = scan.groups().size();
        int[] identity = new int[groups];
        int[] zero = new int[groups];
        int[] counted = new int[groups];
        int[] month = new int[groups];
        for (int g = 0; g < groups; g++) {
            identity[g] = g;
            counted[g] = DistinctCounts.UNDECLARED;
            month[g] = 1;
        }
        DistinctCounts counts = new DistinctCounts(identity, groups, zero, 1, counted, month);
        new RunMerger(work, 8).merge(scan.runs().stream().map(r -> new RunMerger.Run(work.resolve(r), identity)).toList(), counts);
        counts.finish();
        System.out.println("OK " + scan.lines() + " " + counts.volume(0, DistinctCounts.UNDECLARED) + " " + scan.runs().size()
                + " " + Runtime.getRuntime().maxMemory());
        try (var s = Files.list(work)) {
            s.forEach(p -> p.toFile().delete());
        }
    }
}
