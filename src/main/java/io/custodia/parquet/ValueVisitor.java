package io.custodia.parquet;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.parquet.io.api.Binary;

/**
 * Receives rows value by value, in column order, each in the form its declared type gives it: for
 * callers that only look at every value once (a content digest) and need no {@link Row}. Reading a
 * Parquet file this way ({@link RowFiles#visitAll}) makes no row, no boxed number, no {@link Utf8}
 * and no {@link Instant} per value.
 *
 * <p>Whether the values came from a file or from {@link Row}s ({@link #visit(Row, ValueVisitor)}),
 * equal rows give equal calls.
 */
public interface ValueVisitor {
    /** A row begins; its values follow, one call per column. */
    void startRow();

    void nullValue();

    /**
     * A string column's value as UTF-8 bytes. The bytes may be overwritten or released after the
     * call: use them now, do not keep the Binary.
     */
    void text(Binary utf8);

    void intValue(int v);

    void longValue(long v);

    void doubleValue(double v);

    void booleanValue(boolean v);

    void date(long epochDay);

    void timestamp(long epochSecond, int nano);

    /** Hands a row's values to {@code v} by the types its schema declares. */
    static void visit(Row row, ValueVisitor v) {
        RowSchema schema = row.schema();
        v.startRow();
        for (int i = 0; i < schema.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                v.nullValue();
                continue;
            }
            if (value == Row.NOT_READ) {
                throw new IllegalArgumentException("column '" + schema.field(i).name() + "' was read for presence only; its value is unknown");
            }
            switch (schema.field(i).type()) {
                case STRING -> v.text(value instanceof Utf8 u ? u.binary() : Binary.fromString((String) value));
                case INT -> v.intValue((Integer) value);
                case LONG -> v.longValue((Long) value);
                case DOUBLE -> v.doubleValue((Double) value);
                case BOOLEAN -> v.booleanValue((Boolean) value);
                case DATE -> v.date(((LocalDate) value).toEpochDay());
                case TIMESTAMP -> {
                    Instant t = (Instant) value;
                    v.timestamp(t.getEpochSecond(), t.getNano());
                }
            }
        }
    }
}
