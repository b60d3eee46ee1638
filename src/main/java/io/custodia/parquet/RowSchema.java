package io.custodia.parquet;

import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered, typed columns of a row stream; built from catalog columns. */
public final class RowSchema {
    private final List<Field> fields;
    private final Map<String, Integer> index = new HashMap<>();

    /** A column name and its type; {@code required} means nulls are refused on write. */
    public record Field(String name, ColumnType type, boolean required) {
    }

    private RowSchema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column '" + this.fields.get(i).name() + "'");
            }
        }
    }

    public static RowSchema of(List<Field> fields) {
        return new RowSchema(fields);
    }

    public static RowSchema ofColumns(List<Column> columns) {
        return new RowSchema(columns.stream().map(c -> new Field(c.name(), c.type(), c.required())).toList());
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "' in " + names());
        }
        return i;
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** Only the named columns, in the given order. */
    public RowSchema project(List<String> names) {
        return new RowSchema(names.stream().map(n -> fields.get(indexOf(n))).toList());
    }

    public Row newRow() {
        return new Row(this, new Object[fields.size()]);
    }
}
