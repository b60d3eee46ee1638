package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.util.Map;

/**
 * {@code keep}: the value leaves unchanged. A sharing policy may keep a column declared core,
 * sensitive or a direct identifier only with an explicit, reported override.
 */
public record Keep(ColumnType type) implements TransformSpec, Transform {
    @Override
    public String kind() {
        return "keep";
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
    public boolean keepsRawValue() {
        return true;
    }

    @Override
    public Transform bind(KeyContext keys) {
        return this;
    }

    @Override
    public Object apply(Object value, String subject) {
        return value;
    }
}
