package io.custodia.inventory;

import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.catalog.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns scan counts into findings: personal-looking values in columns not declared as personal data. */
public final class InventoryAnalysis {
    private InventoryAnalysis() {
    }

    public static List<InventoryFinding> findings(Dataset dataset, DatasetStats stats, long minValues) {
        List<InventoryFinding> out = new ArrayList<>();
        for (ColumnStats c : stats.columns()) {
            var column = dataset.requireColumn(c.column());
            long hits = c.piiHits().values().stream().mapToLong(Long::longValue).sum();
            if (hits < minValues) {
                continue;
            }
            boolean declaredPersonal = column.level() != Level.GENERAL || column.has(Tag.DIRECT_IDENTIFIER) || column.has(Tag.SENSITIVE);
            if (!declaredPersonal) {
                out.add(new InventoryFinding("high", dataset.name(), c.column(), "declared general but " + String.format("%,d", hits)
                        + " of " + String.format("%,d", c.values()) + " values look like personal data (" + describe(c.piiHits())
                        + "): declare its level and tags, or clean the data"));
            }
        }
        return out;
    }

    static String describe(Map<String, Long> hits) {
        List<String> parts = new ArrayList<>();
        hits.forEach((k, v) -> parts.add(k + " " + String.format("%,d", v)));
        return String.join(", ", parts);
    }
}
