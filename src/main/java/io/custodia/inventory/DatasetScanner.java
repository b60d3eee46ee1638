package io.custodia.inventory;

import io.custodia.batch.Progress;
import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Tag;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.pii.PiiDetector;
import io.custodia.pii.PiiKind;
import io.custodia.util.LongHashSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every row of a dataset once: counts rows, distinct subjects, values and nulls per column,
 * and values that look like personal data in text columns. The files are read concurrently on the
 * given executor (a dataset with many files would otherwise keep one core busy while the others
 * have finished), and their counts added up; the result does not depend on the order. Memory: one
 * row group per file being read plus sets of 64-bit subject fingerprints (8–16 bytes per distinct
 * subject).
 */
public final class DatasetScanner {
    private static final Logger log = LoggerFactory.getLogger(DatasetScanner.class);

    private DatasetScanner() {
    }

    public static DatasetStats scan(Dataset dataset, Configuration conf, Executor executor) {
        List<FileStatus> files = DatasetFiles.list(dataset);
        long expected = dataset.format() == io.custodia.catalog.DataFormat.PARQUET
                ? files.stream().mapToLong(f -> ParquetRowReader.rowCount(f.getPath(), conf)).sum() : -1;
        Progress progress = new Progress(log, "inventory " + dataset.name(), "rows", expected);
        List<CompletableFuture<Counts>> parts = files.stream()
                .map(f -> CompletableFuture.supplyAsync(() -> Counts.of(dataset, f, conf, progress), executor))
                .toList();
        Counts total = new Counts(dataset);
        try {
            for (CompletableFuture<Counts> part : parts) {
                total.add(part.join());
            }
        } catch (CompletionException e) {
            parts.forEach(p -> p.cancel(false));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.finish();
        return total.stats(dataset, files.size());
    }

    /** The counts of one file, or of several added together. */
    private static final class Counts {
        private final int n;
        private final boolean[] scanText;
        private final int subjectIdx;
        private final long[] values;
        private final long[] nulls;
        private final List<Map<PiiKind, Long>> hits = new ArrayList<>();
        private final LongHashSet subjects = new LongHashSet();
        private long rows;

        Counts(Dataset dataset) {
            List<Column> columns = dataset.columns();
            n = columns.size();
            values = new long[n];
            nulls = new long[n];
            scanText = new boolean[n];
            for (int i = 0; i < n; i++) {
                hits.add(new EnumMap<>(PiiKind.class));
                // identifier columns declared as such are expected to hold identifiers; free text is what we scan
                scanText[i] = columns.get(i).type() == ColumnType.STRING;
            }
            subjectIdx = dataset.hasSubjects() ? dataset.columnNames().indexOf(dataset.subjectKey()) : -1;
        }

        static Counts of(Dataset dataset, FileStatus file, Configuration conf, Progress progress) {
            Counts c = new Counts(dataset);
            try (RowReader reader = DatasetFiles.open(dataset, file.getPath(), conf)) {
                long batch = 0;
                for (Row row = reader.next(); row != null; row = reader.next()) {
                    c.count(row);
                    if (++batch == 10_000) {
                        progress.add(batch);
                        batch = 0;
                    }
                }
                progress.add(batch);
            }
            return c;
        }

        private void count(Row row) {
            rows++;
            for (int i = 0; i < n; i++) {
                Object v = row.get(i);
                if (v == null) {
                    nulls[i]++;
                    continue;
                }
                values[i]++;
                if (scanText[i]) {
                    for (PiiKind k : PiiDetector.detect((String) v)) {
                        hits.get(i).merge(k, 1L, Long::sum);
                    }
                }
            }
            if (subjectIdx >= 0 && row.get(subjectIdx) != null) {
                subjects.add(LongHashSet.fingerprint(row.get(subjectIdx).toString()));
            }
        }

        void add(Counts other) {
            rows += other.rows;
            for (int i = 0; i < n; i++) {
                values[i] += other.values[i];
                nulls[i] += other.nulls[i];
                Map<PiiKind, Long> mine = hits.get(i);
                other.hits.get(i).forEach((k, v) -> mine.merge(k, v, Long::sum));
            }
            subjects.addAll(other.subjects);
        }

        DatasetStats stats(Dataset dataset, int files) {
            List<ColumnStats> stats = new ArrayList<>();
            List<Column> columns = dataset.columns();
            for (int i = 0; i < n; i++) {
                Column c = columns.get(i);
                Map<String, Long> h = new LinkedHashMap<>();
                hits.get(i).forEach((k, v) -> h.put(k.label(), v));
                stats.add(new ColumnStats(c.name(), c.level().label(), c.tags().stream().map(Tag::label).sorted().toList(), values[i],
                        nulls[i], h));
            }
            return new DatasetStats(dataset.name(), dataset.role().label(), dataset.format().name().toLowerCase(),
                    dataset.location().toString(), files, rows, subjectIdx >= 0 ? subjects.size() : null, stats);
        }
    }
}
