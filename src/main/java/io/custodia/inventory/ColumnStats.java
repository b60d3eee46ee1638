package io.custodia.inventory;

import java.util.Map;
import java.util.TreeMap;

/** Counts for one column of one dataset: values, nulls and values that look like personal data, by kind. */
public record ColumnStats(String column, String level, java.util.List<String> tags, long values, long nulls, Map<String, Long> piiHits) {
    public ColumnStats {
        piiHits = new TreeMap<>(piiHits);
    }

    public double nullRate() {
        long total = values + nulls;
        return total == 0 ? 0 : (double) nulls / total;
    }
}
