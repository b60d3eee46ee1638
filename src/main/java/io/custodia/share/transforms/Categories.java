package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code generalize} to a few categories: values in {@code keep} stay, every other non-null value
 * becomes {@code other}. For quasi-identifiers with a long tail, e.g. nationality {@code CN} kept
 * and every rarer nationality one category, so that no class is one foreigner.
 */
public record Categories(List<String> keep, String other) implements TransformSpec, Transform {
    public Categories {
        keep = List.copyOf(keep);
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("keep at least one category");
        }
    }

    @Override
    public String kind() {
        return "generalize";
    }

    @Override
    public ColumnType outputType() {
        return ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", "categories");
        m.put("keep", keep);
        m.put("other", other);
        return m;
    }

    @Override
    public Transform bind(KeyContext keys) {
        return this;
    }

    @Override
    public Object apply(Object value, String subject) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return keep.contains(s) ? s : other;
    }
}
