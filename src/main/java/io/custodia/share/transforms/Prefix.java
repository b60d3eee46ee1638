package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.util.Map;

/**
 * {@code generalize} of a code to its first {@code length} characters: postal code {@code 510630}
 * with length 3 becomes {@code 510} (the postal district). A value not longer than {@code length}
 * becomes null and is counted, since its "prefix" would be the whole value.
 */
public record Prefix(int length) implements TransformSpec {
    public Prefix {
        if (length < 1) {
            throw new IllegalArgumentException("prefix length must be at least 1");
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
        return Map.of("to", "prefix", "length", length);
    }

    @Override
    public Transform bind(KeyContext keys) {
        return new Transform() {
            private long rejected;

            @Override
            public Object apply(Object value, String subject) {
                if (value == null) {
                    return null;
                }
                String s = value.toString().strip();
                if (s.codePointCount(0, s.length()) <= length) {
                    rejected++;
                    return null;
                }
                return s.substring(0, s.offsetByCodePoints(0, length));
            }

            @Override
            public long rejected() {
                return rejected;
            }
        };
    }
}
