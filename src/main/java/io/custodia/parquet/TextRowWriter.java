package io.custodia.parquet;

import io.custodia.catalog.DataFormat;
import io.custodia.storage.Storage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** CSV (with header) or JSON Lines, written to an in-progress file and renamed on commit. */
public final class TextRowWriter implements RowWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final DataFormat format;
    private final RowSchema schema;
    private final FSDataOutputStream raw;
    private final Writer out;
    private long rows;
    private boolean closed;

    private TextRowWriter(FileSystem fs, Path target, Path temp, DataFormat format, RowSchema schema, FSDataOutputStream raw) {
        this.fs = fs;
        this.target = target;
        this.temp = temp;
        this.format = format;
        this.schema = schema;
        this.raw = raw;
        this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
    }

    public static TextRowWriter create(Path target, DataFormat format, RowSchema schema, Configuration conf) {
        if (format == DataFormat.PARQUET) {
            throw new IllegalArgumentException("use ParquetRowWriter for Parquet");
        }
        FileSystem fs = Storage.fileSystem(target.toUri(), conf);
        Path temp = Storage.inProgressPath(target, UUID.randomUUID().toString());
        try {
            TextRowWriter w = new TextRowWriter(fs, target, temp, format, schema, fs.create(temp, false));
            if (format == DataFormat.CSV) {
                w.out.write(String.join(",", schema.names().stream().map(TextRowWriter::csv).toList()));
                w.out.write('\n');
            }
            return w;
        } catch (IOException e) {
            throw new DataFileException(target + ": cannot create: " + e.getMessage(), e);
        }
    }

    static String csv(String v) {
        if (v == null) {
            return "";
        }
        if (v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    @Override
    public void write(Row row) {
        try {
            if (format == DataFormat.CSV) {
                for (int i = 0; i < schema.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(csv(TextValues.format(row.get(i))));
                }
            } else {
                Map<String, Object> obj = new LinkedHashMap<>();
                for (int i = 0; i < schema.size(); i++) {
                    Object v = row.get(i);
                    obj.put(schema.field(i).name(), v == null || v instanceof Number || v instanceof Boolean ? v : v.toString());
                }
                out.write(JSON.writeValueAsString(obj));
            }
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new DataFileException(target + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    @Override
    public void commit() {
        try {
            out.flush();
            raw.hsync();
            closed = true;
            out.close();
            Storage.sync(fs, temp);
            Storage.atomicReplace(fs, temp, target);
        } catch (IOException e) {
            close();
            throw new DataFileException(target + ": cannot finish: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // deleted below
            }
            try {
                fs.delete(temp, false);
            } catch (IOException ignored) {
                // hidden in-progress files are never read as data
            }
        }
    }
}
