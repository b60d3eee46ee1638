package io.custodia.parquet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One record: values in schema order, Java types as {@link io.custodia.catalog.ColumnType} says
 * (strings are {@link String}s, or {@link Utf8} from {@link RowFiles#openUndecoded}; {@link #NOT_READ}
 * for values read for presence only).
 * Rows hold personal data: never log them, never put them in an exception message.
 */
public final class Row {
    /**
     * A value that is present (not null) but was not read: the reader was asked only whether it is
     * null ({@link RowFiles#openForPresence}). Never written, digested or compared as data.
     */
    public static final Object NOT_READ = new Object() {
        @Override
        public String toString() {
            return "<not read>";
        }
    };
    private final RowSchema schema;
    private final Object[] values;

    Row(RowSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    public static Row of(RowSchema schema, Object... values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " values, got " + values.length);
        }
        return new Row(schema, values.clone());
    }

    public RowSchema schema() {
        return schema;
    }

    public Object get(int i) {
        return values[i];
    }

    public Object get(String name) {
        return values[schema.indexOf(name)];
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public LocalDate getDate(String name) {
        Object v = get(name);
        if (v instanceof Instant i) {
            return LocalDate.ofInstant(i, java.time.ZoneOffset.UTC);
        }
        return (LocalDate) v;
    }

    public void set(int i, Object value) {
        values[i] = value;
    }

    public void set(String name, Object value) {
        values[schema.indexOf(name)] = value;
    }

    public Row copy() {
        return new Row(schema, values.clone());
    }

    /** Equality of content, for tests and verification; never printed. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(values, r.values) && schema.names().equals(r.schema.names());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Deliberately content-free: rows hold personal data. */
    @Override
    public String toString() {
        return "Row[" + schema.size() + " columns]";
    }
}
