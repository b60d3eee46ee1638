package io.custodia.sampledata;

import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes a dataset directory as rolling part files ({@code part-00000.parquet}, …) of at most
 * {@code rowsPerFile} rows each; only one file is open at a time, so memory stays bounded.
 */
final class PartWriter implements AutoCloseable {
    private final Path dir;
    private final DataFormat format;
    private final RowSchema schema;
    private final Configuration conf;
    private final long rowsPerFile;
    private final List<String> files = new ArrayList<>();
    private RowWriter current;
    private long rows;

    PartWriter(Path dir, DataFormat format, RowSchema schema, Configuration conf, long rowsPerFile) {
        this.dir = dir;
        this.format = format;
        this.schema = schema;
        this.conf = conf;
        this.rowsPerFile = rowsPerFile;
    }

    RowSchema schema() {
        return schema;
    }

    Row newRow() {
        return schema.newRow();
    }

    void write(Row row) {
        if (current != null && current.rowsWritten() >= rowsPerFile) {
            current.commit();
            current = null;
        }
        if (current == null) {
            String name = String.format("part-%05d.%s", files.size(), format.extension());
            current = RowFiles.create(new Path(dir, name), format, schema, conf);
            files.add(name);
        }
        current.write(row);
        rows++;
    }

    long rows() {
        return rows;
    }

    int files() {
        return files.size();
    }

    /** Commits the last part file. */
    void finish() {
        if (current != null) {
            current.commit();
            current = null;
        }
    }

    /** Without {@link #finish()}: drops the in-progress part file (earlier parts stay). */
    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
