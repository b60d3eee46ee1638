package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.parquet.ParquetRowWriter;
import io.custodia.parquet.ParquetSchemas;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.Utf8;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The read-back visits the new file's values without making rows: it must digest a file exactly as
     * the rows that were written into it. 60,000 ids outgrow the writer's 1 MB dictionary, so the id
     * column has dictionary-encoded and plain pages; several small row groups; text with few distinct
     * values (dictionary throughout) and nulls; timestamps before and after 1970 at millisecond precision,
     * as the file stores them.
     */
    @Test
    void aParquetFileVisitedValueByValueDigestsLikeTheRowsWrittenToIt(@TempDir java.nio.file.Path dir) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            rows.add(Row.of(SCHEMA, "customer-" + (1_000_000_000L + i * 7919L), i % 11 == 0 ? null : i - 30_000,
                    i * -1_000_003L, i % 13 == 0 ? null : i / 3.0, i % 3 == 0, LocalDate.ofEpochDay(i % 400 - 200),
                    Instant.ofEpochMilli((i - 30_000) * 86_400_123L), i % 7 == 0 ? null : "城市 " + (i % 5)));
        }
        Path file = new Path(dir.resolve("rows.parquet").toUri());
        Configuration conf = new Configuration();
        try (ParquetRowWriter w = ParquetRowWriter.create(file, SCHEMA, conf, CompressionCodecName.ZSTD, 256 * 1024)) {
            rows.forEach(w::write);
            w.commit();
        }
        assertThat(ParquetRowReader.footer(file, conf).getBlocks()).hasSizeGreaterThan(1);
        assertThat(ParquetSchemas.columnsWithoutDictionary(ParquetRowReader.footer(file, conf))).contains("id");

        RowDigest visited = new RowDigest();
        assertThat(RowFiles.visitAll(file, DataFormat.PARQUET, SCHEMA, conf, visited)).isEqualTo(60_000);
        RowDigest readAsRows = new RowDigest();
        try (RowReader r = RowFiles.openUndecoded(file, DataFormat.PARQUET, SCHEMA, conf)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                readAsRows.add(row);
            }
        }
        String written = digest(rows).hex();
        assertThat(visited.rows()).isEqualTo(60_000);
        assertThat(visited.hex()).isEqualTo(written);
        assertThat(readAsRows.hex()).isEqualTo(written);
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
