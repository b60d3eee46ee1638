// Helpers for bench/share.sh, run as a single-file Java program on Custodia's class path:
//   java -cp target/classes:<deps> bench/ShareBench.java copy DIR OUT     plain Parquet copy of the bench columns
//   java -cp target/classes:<deps> bench/ShareBench.java transforms N     CPU cost of each bench transform alone, one thread
// The copy reads and writes with the same Custodia code the share job uses (RowFiles projection reader,
// ParquetRowWriter, ZSTD), over the same files with the same number of threads, and applies nothing.

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.ParquetRowWriter;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;

public class ShareBench {
    static final List<String> COLUMNS = List.of("customer_id", "mobile", "email", "gender", "birth_date", "province", "registered_at");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "copy" -> copy(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args.length > 3 ? args[3] : "2"));
            case "transforms" -> transforms(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("copy DIR OUT [THREADS] | transforms N");
        }
    }

    /** Thread CPU time of each of the five bench transforms over N values (second of two rounds, so JIT-compiled). */
    static void transforms(int n) throws Exception {
        Path key = Files.createTempFile("bench-master", ".key");
        Files.delete(key);
        io.custodia.crypto.pseudo.MasterKey.generate().writeFile(key);
        var keys = new io.custodia.share.transforms.KeyContext(new io.custodia.crypto.pseudo.KeyDerivation(
                io.custodia.crypto.pseudo.MasterKey.readFile(key)), "bench-partner", "benchmark", LocalDate.of(2026, 11, 25));
        Files.delete(key);
        SplittableRandom r = new SplittableRandom(1);
        Object[][] in = new Object[5][n];
        String[] subjects = new String[n];
        for (int i = 0; i < n; i++) {
            subjects[i] = String.format("C%08d", i);
            in[0][i] = subjects[i];
            in[1][i] = "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
            in[2][i] = "user" + i + "@example.com";
            in[3][i] = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20_000));
            in[4][i] = Instant.ofEpochSecond(1_600_000_000L + r.nextInt(100_000_000));
        }
        String[] names = {"pseudonym (HMAC-SHA-256)", "fpe mobile (FF1)", "mask e-mail", "generalize age band", "date-shift (HMAC)"};
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            io.custodia.share.transforms.Transform[] ts = {new io.custodia.share.transforms.Pseudonym("customer_id", 1).bind(keys),
                    new io.custodia.share.transforms.Fpe(io.custodia.share.transforms.FpeFormat.MOBILE, true, false, "mobile", 1).bind(keys),
                    new io.custodia.share.transforms.Mask(io.custodia.share.transforms.MaskStyle.EMAIL, null),
                    new io.custodia.share.transforms.DateGeneralization(io.custodia.share.transforms.DateGeneralization.Level.AGE_BAND, 10, null).bind(keys),
                    new io.custodia.share.transforms.DateShift(io.custodia.catalog.ColumnType.TIMESTAMP, 30, 1).bind(keys)};
            for (int t = 0; t < ts.length; t++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long sink = 0;
                for (int i = 0; i < n; i++) {
                    Object o = ts[t].apply(in[t][i], subjects[i]);
                    sink += o == null ? 0 : o.hashCode();
                }
                double secs = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                if (round == 1) {
                    System.out.printf("   %-26s %10.0f values/s per core (%.3f s CPU for %,d)%s%n", names[t], n / secs, secs, n, sink == 42 ? " " : "");
                }
            }
        }
    }

    /** Reads the bench columns of every customers file and writes them unchanged, one output file per input, THREADS at a time. */
    static void copy(Path dir, Path out, int threads) throws Exception {
        Catalog catalog = CatalogLoader.load(dir.resolve("catalog.yaml"));
        var ds = catalog.requireDataset("customers");
        RowSchema schema = RowSchema.ofColumns(ds.columns()).project(COLUMNS);
        Files.createDirectories(out);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> parts = new ArrayList<>();
        List<FileStatus> files = DatasetFiles.list(ds);
        for (int i = 0; i < files.size(); i++) {
            FileStatus f = files.get(i);
            Path target = out.resolve(String.format("part-%05d.parquet", i));
            parts.add(pool.submit(() -> {
                long rows = 0;
                try (RowReader reader = RowFiles.open(f.getPath(), DataFormat.PARQUET, schema, Storage.configuration());
                     ParquetRowWriter writer = ParquetRowWriter.create(new org.apache.hadoop.fs.Path(target.toUri()), schema, Storage.configuration())) {
                    Row row;
                    while ((row = reader.next()) != null) {
                        writer.write(row);
                        rows++;
                    }
                    writer.commit();
                }
                return rows;
            }));
        }
        long rows = 0;
        for (Future<Long> p : parts) {
            rows += p.get();
        }
        pool.shutdown();
        System.out.printf("copy %d rows %.3f s%n", rows, (System.nanoTime() - start) / 1e9);
    }
}
