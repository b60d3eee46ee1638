package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code generalize} of a number to a bucket of {@code width}: {@code 237.5} with width 100 becomes
 * {@code "[200,300)"}. Buckets are aligned on multiples of the width (negative values too).
 */
public record NumberBuckets(double width) implements TransformSpec, Transform {
    public NumberBuckets {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("bucket width must be a positive number");
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
        return Map.of("to", "bucket", "width", width);
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
        double v = ((Number) value).doubleValue();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double lo = Math.floor(v / width) * width;
        return "[" + plain(lo) + "," + plain(lo + width) + ")";
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
