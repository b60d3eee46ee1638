package io.custodia.parquet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * RFC 4180 CSV with a header row naming the columns (any order). An empty unquoted field is null.
 * Unknown or missing header columns and unparseable values fail with file:line and column name.
 */
public final class CsvRowReader implements RowReader {
    private final Path path;
    private final RowSchema schema;
    private final BufferedReader in;
    private final int[] target;
    private long line = 1;
    private long position;

    private CsvRowReader(Path path, RowSchema schema, BufferedReader in, int[] target) {
        this.path = path;
        this.schema = schema;
        this.in = in;
        this.target = target;
    }

    public static CsvRowReader open(Path path, RowSchema schema, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8), 1 << 16);
            String header = in.readLine();
            if (header == null) {
                in.close();
                throw new DataFileException(path + ":1: empty CSV file; expected a header row " + schema.names());
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> names = split(header, path, 1);
            int[] target = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i).trim();
                if (!schema.has(n)) {
                    in.close();
                    throw new DataFileException(path + ":1: unknown column '" + n + "' in the CSV header; declared: " + schema.names());
                }
                target[i] = schema.indexOf(n);
            }
            for (String declared : schema.names()) {
                if (names.stream().noneMatch(n -> n.trim().equals(declared))) {
                    in.close();
                    throw new DataFileException(path + ":1: declared column '" + declared + "' is missing from the CSV header");
                }
            }
            return new CsvRowReader(path, schema, in, target);
        } catch (IOException e) {
            throw new DataFileException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public Row next() {
        try {
            String record = in.readLine();
            line++;
            while (record != null && record.isBlank()) {
                record = in.readLine();
                line++;
            }
            if (record == null) {
                return null;
            }
            long startLine = line;
            while (unbalanced(record)) {
                String more = in.readLine();
                if (more == null) {
                    throw new DataFileException(path + ":" + startLine + ": unterminated quoted field");
                }
                line++;
                record = record + "\n" + more;
            }
            List<String> fields = split(record, path, startLine);
            if (fields.size() != target.length) {
                throw new DataFileException(path + ":" + startLine + ": expected " + target.length + " fields, found " + fields.size());
            }
            Row row = schema.newRow();
            for (int i = 0; i < target.length; i++) {
                RowSchema.Field f = schema.field(target[i]);
                try {
                    row.set(target[i], TextValues.parse(fields.get(i), f.type()));
                } catch (IllegalArgumentException e) {
                    throw new DataFileException(path + ":" + startLine + ": column '" + f.name() + "': " + e.getMessage());
                }
            }
            position++;
            return row;
        } catch (IOException e) {
            throw new DataFileException(path + ":" + line + ": read error: " + e.getMessage(), e);
        }
    }

    private static boolean unbalanced(String s) {
        int quotes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    /** Splits one record; a quoted field keeps its text (""→"), an empty unquoted field is null. */
    static List<String> split(String record, Path path, long line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                if (cur.length() > 0) {
                    throw new DataFileException(path + ":" + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(cur.isEmpty() && !wasQuoted ? null : cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (c != '\r' || i != record.length() - 1) {
                cur.append(c);
            }
        }
        out.add(cur.isEmpty() && !wasQuoted ? null : cur.toString());
        return out;
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
            in.close();
        } catch (IOException ignored) {
            // read-only stream
        }
    }
}
