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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every row of a dataset once: counts rows, distinct subjects, values and nulls per column,
 * and values that look like personal data in text columns. Memory: one row group at a time plus a
 * set of 64-bit subject fingerprints (8–16 bytes per distinct subject).
 */
public final class DatasetScanner {
    private static final Logger log = LoggerFactory.getLogger(DatasetScanner.class);

    private DatasetScanner() {
    }

    public static DatasetStats scan(Dataset dataset, Configuration conf) {
        List<FileStatus> files = DatasetFiles.list(dataset);
        List<Column> columns = dataset.columns();
        int n = columns.size();
        long[] values = new long[n];
        long[] nulls = new long[n];
        List<Map<PiiKind, Long>> hits = new ArrayList<>();
        boolean[] scanText = new boolean[n];
        for (int i = 0; i < n; i++) {
            hits.add(new EnumMap<>(PiiKind.class));
            // identifier columns declared as such are expected to hold identifiers; free text is what we scan
            scanText[i] = columns.get(i).type() == ColumnType.STRING;
        }
        int subjectIdx = dataset.hasSubjects() ? dataset.columnNames().indexOf(dataset.subjectKey()) : -1;
        LongHashSet subjects = new LongHashSet();
        long expected = dataset.format() == io.custodia.catalog.DataFormat.PARQUET
                ? files.stream().mapToLong(f -> ParquetRowReader.rowCount(f.getPath(), conf)).sum() : -1;
        Progress progress = new Progress(log, "inventory " + dataset.name(), "rows", expected);
        long rows = 0;
        for (FileStatus f : files) {
            try (RowReader reader = DatasetFiles.open(dataset, f.getPath(), conf)) {
                Row row;
                long batch = 0;
                while ((row = reader.next()) != null) {
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
                    if (++batch == 10_000) {
                        progress.add(batch);
                        batch = 0;
                    }
                }
                progress.add(batch);
            }
        }
        progress.finish();
        List<ColumnStats> stats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            Map<String, Long> h = new LinkedHashMap<>();
            hits.get(i).forEach((k, v) -> h.put(k.label(), v));
            stats.add(new ColumnStats(c.name(), c.level().label(), c.tags().stream().map(Tag::label).sorted().toList(), values[i], nulls[i], h));
        }
        return new DatasetStats(dataset.name(), dataset.role().label(), dataset.format().name().toLowerCase(), dataset.location().toString(),
                files.size(), rows, subjectIdx >= 0 ? subjects.size() : null, stats);
    }
}
