package io.custodia.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Streams rows of one Parquet file, one row group in memory at a time. The file's schema is
 * checked against the requested one before the first row: a mismatch fails naming file and column.
 */
public final class ParquetRowReader implements RowReader {
    private final Path path;
    private final RowSchema schema;
    private final ParquetReader<Row> reader;
    private long position;

    private ParquetRowReader(Path path, RowSchema schema, ParquetReader<Row> reader) {
        this.path = path;
        this.schema = schema;
        this.reader = reader;
    }

    public static ParquetRowReader open(Path path, RowSchema schema, Configuration conf) {
        return open(path, schema, conf, false);
    }

    /** Like {@link #open}, but string values come as {@link Utf8}: the file's bytes, not decoded. */
    public static ParquetRowReader openUndecoded(Path path, RowSchema schema, Configuration conf) {
        return open(path, schema, conf, true);
    }

    private static ParquetRowReader open(Path path, RowSchema schema, Configuration conf, boolean undecoded) {
        MessageType fileSchema = footer(path, conf).getFileMetaData().getSchema();
        for (RowSchema.Field f : schema.fields()) {
            if (!fileSchema.containsField(f.name()) || ParquetSchemas.typeOf(fileSchema.getType(f.name())) != f.type()) {
                throw new DataFileException(path + ": column '" + f.name() + "' is missing or not of type "
                        + f.type().label() + " (" + String.join("; ", ParquetSchemas.differences(fileSchema, schema)) + ")");
            }
        }
        try {
            ParquetReader<Row> reader = ParquetReader.builder(new RowReadSupport(schema, undecoded), path).withConf(conf).build();
            return new ParquetRowReader(path, schema, reader);
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(path + ": cannot open as Parquet: " + e.getMessage(), e);
        }
    }

    /** Reads only the footer: schema, row groups and row counts. Fails clearly on a truncated file. */
    public static ParquetMetadata footer(Path path, Configuration conf) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            return r.getFooter();
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(path + ": not a readable Parquet file (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    public static long rowCount(Path path, Configuration conf) {
        return footer(path, conf).getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
    }

    @Override
    public Row next() {
        try {
            Row r = reader.read();
            if (r != null) {
                position++;
            }
            return r;
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(path + ": corrupt data after row " + position + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RowSchema schema() {
        return schema;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new DataFileException(path + ": error closing: " + e.getMessage(), e);
        }
    }
}
