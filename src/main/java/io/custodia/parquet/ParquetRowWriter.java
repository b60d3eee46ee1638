package io.custodia.parquet;

import io.custodia.storage.Storage;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Writes rows to {@code .name.inprogress-…} beside the target; {@link #commit()} closes, forces to
 * disk and renames into place. ZSTD by default (works without native Hadoop, see STACK.md).
 */
public final class ParquetRowWriter implements RowWriter {
    private static final long DEFAULT_ROW_GROUP_BYTES = 64L * 1024 * 1024;
    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final ParquetWriter<Row> writer;
    private long rows;
    private boolean closed;

    private ParquetRowWriter(FileSystem fs, Path target, Path temp, ParquetWriter<Row> writer) {
        this.fs = fs;
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    public static ParquetRowWriter create(Path target, RowSchema schema, Configuration conf) {
        return create(target, schema, conf, CompressionCodecName.ZSTD, DEFAULT_ROW_GROUP_BYTES);
    }

    public static ParquetRowWriter create(Path target, RowSchema schema, Configuration conf, CompressionCodecName codec,
            long rowGroupBytes) {
        return create(target, schema, conf, codec, rowGroupBytes, Set.of());
    }

    /**
     * A writer for a new version of {@code original}: columns the original stores plain, in all or some
     * of their pages, are written without a dictionary. Such a column's dictionary outgrew its limit
     * there and would here too, after hashing a megabyte of values to find out (a third of a rewrite's
     * encoding time); the few pages it covered were a small share of the column.
     */
    public static ParquetRowWriter createLike(Path target, RowSchema schema, Path original, Configuration conf) {
        return create(target, schema, conf, CompressionCodecName.ZSTD, DEFAULT_ROW_GROUP_BYTES,
                ParquetSchemas.columnsWithoutDictionary(ParquetRowReader.footer(original, conf)));
    }

    private static ParquetRowWriter create(Path target, RowSchema schema, Configuration conf, CompressionCodecName codec,
            long rowGroupBytes, Set<String> withoutDictionary) {
        FileSystem fs = Storage.fileSystem(target.toUri(), conf);
        Path temp = Storage.inProgressPath(target, UUID.randomUUID().toString());
        try {
            Builder b = new Builder(HadoopOutputFile.fromPath(temp, conf), schema)
                    .withConf(conf)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupBytes);
            withoutDictionary.forEach(c -> b.withDictionaryEncoding(c, false));
            ParquetWriter<Row> w = b.build();
            return new ParquetRowWriter(fs, target, temp, w);
        } catch (IOException e) {
            throw new DataFileException(target + ": cannot create: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Row row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw new DataFileException(target + ": write failed after " + rows + " rows: " + e.getMessage(), e);
        }
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    /** The in-progress file, for callers that must verify the content before {@link #commit()}. */
    public Path tempPath() {
        return temp;
    }

    /** Closes and forces the in-progress file to disk without renaming it (for verify-then-swap). */
    public Path finishWithoutRename() {
        try {
            closed = true;
            writer.close();
            Storage.sync(fs, temp);
            return temp;
        } catch (IOException e) {
            deleteQuietly();
            throw new DataFileException(target + ": cannot finish: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() {
        finishWithoutRename();
        Storage.atomicReplace(fs, temp, target);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the in-progress file is deleted below; its content does not matter
            }
            deleteQuietly();
        }
    }

    private void deleteQuietly() {
        try {
            fs.delete(temp, false);
        } catch (IOException ignored) {
            // a leftover hidden in-progress file is never read as data
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowSchema schema;

        Builder(org.apache.parquet.io.OutputFile file, RowSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }
}
