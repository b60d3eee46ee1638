package io.custodia.inventory;

import java.util.List;

/** What the inventory found in one dataset. Counts only; no value is kept. */
public record DatasetStats(String dataset, String role, String format, String location, int files, long rows, Long distinctSubjects,
        List<ColumnStats> columns) {
}
