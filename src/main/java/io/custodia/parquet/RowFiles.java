package io.custodia.parquet;

import io.custodia.catalog.DataFormat;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opens a reader or writer for a file of any supported format: the one entry point jobs use. */
public final class RowFiles {
    private RowFiles() {
    }

    public static RowReader open(Path path, DataFormat format, RowSchema schema, Configuration conf) {
        return switch (format) {
            case PARQUET -> ParquetRowReader.open(path, schema, conf);
            case CSV -> CsvRowReader.open(path, schema, conf);
            case JSONL -> JsonlRowReader.open(path, schema, conf);
        };
    }

    /**
     * Like {@link #open}, for copying rows without reading most of their text: Parquet string values
     * come as {@link Utf8} (undecoded; {@code toString()} decodes). CSV and JSON Lines give Strings.
     */
    public static RowReader openUndecoded(Path path, DataFormat format, RowSchema schema, Configuration conf) {
        return format == DataFormat.PARQUET ? ParquetRowReader.openUndecoded(path, schema, conf) : open(path, format, schema, conf);
    }

    /**
     * Like {@link #openUndecoded}, for looking at a few columns of every row and only at whether the
     * others are null: in Parquet the values of columns not in {@code decoded} are skipped and come as
     * {@link Row#NOT_READ}. CSV and JSON Lines, which must parse every value anyway, give all values.
     */
    public static RowReader openForPresence(Path path, DataFormat format, RowSchema schema, Set<String> decoded, Configuration conf) {
        return format == DataFormat.PARQUET ? ParquetRowReader.openForPresence(path, schema, decoded, conf) : open(path, format, schema, conf);
    }

    /**
     * Reads every row of the file and hands its values to {@code visitor}; returns the number of rows.
     * Parquet is read value by value without making rows ({@link ParquetRowReader#visitNext}); CSV
     * and JSON Lines rows are read as usual and then visited.
     */
    public static long visitAll(Path path, DataFormat format, RowSchema schema, Configuration conf, ValueVisitor visitor) {
        long rows = 0;
        if (format == DataFormat.PARQUET) {
            try (ParquetRowReader r = ParquetRowReader.openForVisiting(path, schema, conf, visitor)) {
                while (r.visitNext()) {
                    rows++;
                }
            }
            return rows;
        }
        try (RowReader r = open(path, format, schema, conf)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                ValueVisitor.visit(row, visitor);
                rows++;
            }
        }
        return rows;
    }

    public static RowWriter create(Path path, DataFormat format, RowSchema schema, Configuration conf) {
        return format == DataFormat.PARQUET ? ParquetRowWriter.create(path, schema, conf)
                : TextRowWriter.create(path, format, schema, conf);
    }

    /** Like {@link #create}, for a new version of {@code original}: Parquet keeps its per-column choice of dictionary. */
    public static RowWriter createLike(Path path, DataFormat format, RowSchema schema, Path original, Configuration conf) {
        return format == DataFormat.PARQUET ? ParquetRowWriter.createLike(path, schema, original, conf)
                : TextRowWriter.create(path, format, schema, conf);
    }
}
