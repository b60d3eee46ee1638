package io.custodia.cli;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobRunner;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.RowReader;
import io.custodia.storage.Storage;
import io.custodia.util.Futures;
import org.apache.hadoop.fs.FileStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code custodia validate <jobs/FILE.yaml>...}: every check {@code run} makes first, without running. */
final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "check job files, their catalog and the data's schema without running";
    }

    @Override
    public String usage() {
        return """
                usage: custodia validate [--read] <jobs/FILE.yaml>...

                Makes every check `run` makes before starting (job file, catalog, every data file's schema)
                and runs nothing. With --read, also reads every row of every file of the catalog, so a
                corrupt or truncated file is found now rather than in the middle of the night.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of(), Set.of("read"));
        args.requirePositional(0, "at least one job file");
        JobRunner runner = context.bean(JobRunner.class);
        for (String f : args.positional) {
            JobFile jf = runner.validate(Path.of(f));
            context.out.println("OK  " + jf.path() + " (" + jf.job() + ", catalog " + jf.catalogPath() + ")");
            if (args.flag("read")) {
                readEveryRow(jf, context);
            }
        }
        return 0;
    }

    /** Files are read concurrently ({@code custodia.threads}), as the jobs read them. */
    private static void readEveryRow(JobFile jf, Context context) {
        ExecutorService pool = Executors.newFixedThreadPool(context.settings().threads());
        try {
            for (Dataset d : jf.catalog().datasets()) {
                long start = System.nanoTime();
                List<Future<Long>> files = new ArrayList<>();
                for (FileStatus file : DatasetFiles.list(d)) {
                    files.add(pool.submit(() -> rows(d, file)));
                }
                long rows = 0;
                for (Future<Long> f : files) {
                    rows += Futures.join(f, "interrupted while reading");
                }
                double secs = (System.nanoTime() - start) / 1e9;
                context.out.printf("    %-18s %,12d rows read in %.2f s (%,.0f rows/s)%n", d.name(), rows, secs, rows / Math.max(secs, 1e-9));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long rows(Dataset d, FileStatus file) {
        long rows = 0;
        try (RowReader r = DatasetFiles.open(d, file.getPath(), Storage.configuration())) {
            while (r.next() != null) {
                rows++;
            }
        }
        return rows;
    }
}
