package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.ColumnType;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.Utf8;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The content digest's definition is fixed (journals and certificates record it): the expected value
 * was computed outside Java from the byte layout in {@link RowDigest}'s description — tag, then
 * big-endian fixed-width or length-prefixed UTF-8 — over enough rows to cross its buffer many times,
 * and one text value larger than the buffer.
 */
class RowDigestTest {
    static final RowSchema SCHEMA = RowSchema.of(List.of(
            new RowSchema.Field("id", ColumnType.STRING, true),
            new RowSchema.Field("n", ColumnType.INT, false),
            new RowSchema.Field("big", ColumnType.LONG, false),
            new RowSchema.Field("amount", ColumnType.DOUBLE, false),
            new RowSchema.Field("flag", ColumnType.BOOLEAN, false),
            new RowSchema.Field("day", ColumnType.DATE, false),
            new RowSchema.Field("at", ColumnType.TIMESTAMP, false),
            new RowSchema.Field("text", ColumnType.STRING, false)));
    static final String EXPECTED = "fe584317083707d8e3ef90b55783c1864f930f6d9bf888ada137a2da3c9a6818";

    static List<Row> rows(Function<String, Object> text) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i <= 3000; i++) {
            String t = i == 3000 ? "x".repeat(100_000) : i % 7 == 0 ? null : "张伟 " + i;
            out.add(Row.of(SCHEMA, text.apply("id-" + i), i, i * 1_000_003L, i / 4.0, i % 2 == 0, LocalDate.ofEpochDay(i),
                    Instant.ofEpochSecond(1_700_000_000L + i, i * 1000L), t == null ? null : text.apply(t)));
        }
        return out;
    }

    static RowDigest digest(List<Row> rows) {
        RowDigest d = new RowDigest();
        rows.forEach(d::add);
        return d;
    }

    @Test
    void decodedAndUndecodedTextDigestToTheFixedDefinition() {
        RowDigest strings = digest(rows(s -> s));
        assertThat(strings.rows()).isEqualTo(3001);
        assertThat(strings.hex()).isEqualTo(EXPECTED);
        assertThat(digest(rows(Utf8::of)).hex()).isEqualTo(EXPECTED);
    }

    @Test
    void aValueMovedToTheNextColumnChangesTheDigest() {
        List<Row> rows = rows(Utf8::of);
        Row first = rows.getFirst();
        first.set("text", first.get("id"));
        first.set("id", Utf8.of(""));
        assertThat(digest(rows).hex()).isNotEqualTo(EXPECTED);
    }
}
