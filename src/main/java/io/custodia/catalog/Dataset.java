package io.custodia.catalog;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A catalogued dataset: where it lives (a file or a directory of files on any Hadoop filesystem),
 * its format, keys, declared columns and retention rules.
 */
public record Dataset(
        String name,
        String description,
        DatasetRole role,
        URI location,
        DataFormat format,
        String primaryKey,
        String subjectKey,
        List<Column> columns,
        List<RetentionRule> retention,
        String declaredAt) {

    public Dataset {
        columns = List.copyOf(columns);
        retention = List.copyOf(retention);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Column requireColumn(String name) {
        return column(name).orElseThrow(() -> new IllegalArgumentException(
                "dataset '" + this.name + "' has no column '" + name + "'"));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public boolean hasSubjects() {
        return subjectKey != null;
    }
}
