package io.custodia.parquet;

import io.custodia.catalog.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Text form of typed values, shared by the CSV and JSON Lines formats. */
final class TextValues {
    private TextValues() {
    }

    static Object parse(String text, ColumnType type) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type) {
                case STRING -> text;
                case INT -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case BOOLEAN -> switch (text.trim().toLowerCase()) {
                    case "true", "yes", "1" -> Boolean.TRUE;
                    case "false", "no", "0" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("not a boolean");
                };
                case DATE -> LocalDate.parse(text.trim());
                case TIMESTAMP -> parseInstant(text.trim());
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid " + type.label());
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    static String format(Object v) {
        return v == null ? null : v.toString();
    }
}
