package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code generalize} of a date or timestamp: to the {@code year} (an int), the {@code month}
 * ({@code "1987-05"}), or an {@code age-band} of {@code width} years computed at the run date
 * ({@code "30-39"}; ages from {@code top} up are one open band {@code "70+"}; ages below 0, a date
 * after the run date, become null and are counted). Timestamps are taken in UTC.
 */
public record DateGeneralization(Level level, int width, Integer top) implements TransformSpec {
    public enum Level {
        YEAR, MONTH, AGE_BAND;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public DateGeneralization {
        if (level == Level.AGE_BAND && width < 1) {
            throw new IllegalArgumentException("age band width must be at least 1");
        }
    }

    @Override
    public String kind() {
        return "generalize";
    }

    @Override
    public ColumnType outputType() {
        return level == Level.YEAR ? ColumnType.INT : ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", level.label());
        if (level == Level.AGE_BAND) {
            m.put("width", width);
            if (top != null) {
                m.put("top", top);
            }
            m.put("ageAt", "run date");
        }
        return m;
    }

    @Override
    public Transform bind(KeyContext keys) {
        LocalDate asOf = keys.runDate();
        return new Transform() {
            private long rejected;

            @Override
            public Object apply(Object value, String subject) {
                LocalDate d = switch (value) {
                    case null -> null;
                    case LocalDate ld -> ld;
                    case Instant i -> LocalDate.ofInstant(i, ZoneOffset.UTC);
                    default -> throw new IllegalArgumentException("not a date: " + value.getClass().getSimpleName());
                };
                if (d == null) {
                    return null;
                }
                return switch (level) {
                    case YEAR -> d.getYear();
                    case MONTH -> String.format("%04d-%02d", d.getYear(), d.getMonthValue());
                    case AGE_BAND -> {
                        String band = ageBand(d, asOf, width, top);
                        if (band == null) {
                            rejected++;
                        }
                        yield band;
                    }
                };
            }

            @Override
            public long rejected() {
                return rejected;
            }
        };
    }

    /** The band of the age in whole years at {@code asOf}; null for a date after {@code asOf}. */
    public static String ageBand(LocalDate birth, LocalDate asOf, int width, Integer top) {
        if (birth.isAfter(asOf)) {
            return null;
        }
        int age = Period.between(birth, asOf).getYears();
        if (top != null && age >= top) {
            return top + "+";
        }
        int lo = age / width * width;
        return width == 1 ? Integer.toString(lo) : lo + "-" + (lo + width - 1);
    }
}
