package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.util.Map;

/**
 * {@code suppress}: the column is in the export's schema (a recipient's loader may expect it) but
 * every value is null. A column that is simply not listed is not exported at all.
 */
public record Suppress(ColumnType type) implements TransformSpec, Transform {
    @Override
    public String kind() {
        return "suppress";
    }

    @Override
    public ColumnType outputType() {
        return type;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public Transform bind(KeyContext keys) {
        return this;
    }

    @Override
    public Object apply(Object value, String subject) {
        return null;
    }
}
