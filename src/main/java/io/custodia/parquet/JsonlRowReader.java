package io.custodia.parquet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines: one object per line. Keys not declared in the schema and unparseable values fail
 * with file:line — a malformed line is reported, never silently skipped.
 */
public final class JsonlRowReader implements RowReader {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final Path path;
    private final RowSchema schema;
    private final BufferedReader in;
    private long line;
    private long position;

    private JsonlRowReader(Path path, RowSchema schema, BufferedReader in) {
        this.path = path;
        this.schema = schema;
        this.in = in;
    }

    public static JsonlRowReader open(Path path, RowSchema schema, Configuration conf) {
        try {
            return new JsonlRowReader(path, schema, new BufferedReader(
                    new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new DataFileException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public Row next() {
        String text;
        try {
            do {
                text = in.readLine();
                line++;
            } while (text != null && text.isBlank());
        } catch (IOException e) {
            throw new DataFileException(path + ":" + line + ": read error: " + e.getMessage(), e);
        }
        if (text == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new DataFileException(path + ":" + line + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new DataFileException(path + ":" + line + ": expected a JSON object");
        }
        Row row = schema.newRow();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!schema.has(e.getKey())) {
                throw new DataFileException(path + ":" + line + ": unknown field '" + e.getKey() + "'; declared: " + schema.names());
            }
            int i = schema.indexOf(e.getKey());
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            RowSchema.Field f = schema.field(i);
            try {
                row.set(i, TextValues.parse(v.isValueNode() ? v.asString() : v.toString(), f.type()));
            } catch (IllegalArgumentException ex) {
                throw new DataFileException(path + ":" + line + ": field '" + f.name() + "': " + ex.getMessage());
            }
        }
        position++;
        return row;
    }

    /** The 1-based line of the last row returned. */
    public long line() {
        return line;
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
