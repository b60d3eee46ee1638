package io.custodia.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.storage.Storage;
import io.custodia.support.MiniHdfs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same code path the jobs use, on file:// and on a real HDFS, in every format. */
class RowFilesRoundTripTest {
    static final RowSchema SCHEMA = RowSchema.of(List.of(
            new RowSchema.Field("id", ColumnType.STRING, true),
            new RowSchema.Field("n", ColumnType.INT, false),
            new RowSchema.Field("big", ColumnType.LONG, false),
            new RowSchema.Field("amount", ColumnType.DOUBLE, false),
            new RowSchema.Field("flag", ColumnType.BOOLEAN, false),
            new RowSchema.Field("day", ColumnType.DATE, false),
            new RowSchema.Field("at", ColumnType.TIMESTAMP, false),
            new RowSchema.Field("text", ColumnType.STRING, false)));

    @TempDir
    java.nio.file.Path tmp;

    static List<Row> rows(int n) {
        SplittableRandom r = new SplittableRandom(42);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(SCHEMA, "id-" + i, i % 7 == 0 ? null : r.nextInt(), r.nextLong(), r.nextDouble() * 1000, i % 2 == 0,
                    LocalDate.of(1950, 1, 1).plusDays(r.nextInt(30000)), Instant.ofEpochMilli(1_600_000_000_000L + r.nextLong(100_000_000_000L)),
                    i % 5 == 0 ? "引号 \"quoted\", comma\nnewline" : i % 3 == 0 ? "" : "张伟 " + i));
        }
        return out;
    }

    static List<Row> writeAndRead(URI target, DataFormat format, List<Row> rows) {
        Configuration conf = Storage.configuration();
        Path path = new Path(target);
        try (RowWriter w = RowFiles.create(path, format, SCHEMA, conf)) {
            rows.forEach(w::write);
            try {
                assertThat(Storage.fileSystem(target).exists(path)).as("nothing visible before commit").isFalse();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            w.commit();
        }
        List<Row> back = new ArrayList<>();
        try (RowReader r = RowFiles.open(path, format, SCHEMA, conf)) {
            Row row;
            while ((row = r.next()) != null) {
                back.add(row);
            }
        }
        return back;
    }

    @ParameterizedTest
    @EnumSource(DataFormat.class)
    void localRoundTripKeepsEveryValue(DataFormat format) {
        List<Row> rows = rows(2_000);
        URI target = tmp.resolve("data." + format.extension()).toUri();
        assertThat(writeAndRead(target, format, rows)).containsExactlyElementsOf(rows);
    }

    @Test
    void hdfsRoundTripThroughTheSameCodePath() throws IOException {
        List<Row> rows = rows(5_000);
        for (DataFormat format : DataFormat.values()) {
            URI target = MiniHdfs.path("/roundtrip/" + format.name().toLowerCase() + "/data." + format.extension());
            assertThat(writeAndRead(target, format, rows)).as(format.name()).containsExactlyElementsOf(rows);
        }
        FileSystem fs = Storage.fileSystem(MiniHdfs.uri());
        assertThat(fs.listStatus(new Path("/roundtrip/parquet"))).extracting(s -> s.getPath().getName()).containsExactly("data.parquet");
    }

    @Test
    void sameRowsGiveByteIdenticalParquet() throws IOException {
        List<Row> rows = rows(3_000);
        writeAndRead(tmp.resolve("a.parquet").toUri(), DataFormat.PARQUET, rows);
        writeAndRead(tmp.resolve("b.parquet").toUri(), DataFormat.PARQUET, rows);
        assertThat(Files.readAllBytes(tmp.resolve("a.parquet"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.parquet")));
    }

    /**
     * A low-cardinality column stays dictionary-encoded; a column of long unique values outgrows its
     * dictionary and falls back to plain pages within the same chunk. Both read back exactly, and a
     * dictionary entry is converted once and shared by the rows that hold it.
     */
    @Test
    void dictionaryAndPlainPagesOfOneChunkReadBackExactly() {
        RowSchema schema = RowSchema.of(List.of(new RowSchema.Field("province", ColumnType.STRING, false),
                new RowSchema.Field("unique", ColumnType.STRING, false), new RowSchema.Field("born", ColumnType.DATE, false)));
        String[] provinces = {"广东省", "浙江省", "北京市", null};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            rows.add(Row.of(schema, provinces[i % 4], "unique value number " + i + " padded to outgrow a dictionary page",
                    i % 9 == 0 ? null : LocalDate.of(1960, 1, 1).plusDays(i % 500)));
        }
        Path path = new Path(tmp.resolve("dict.parquet").toUri());
        Configuration conf = Storage.configuration();
        try (RowWriter w = RowFiles.create(path, DataFormat.PARQUET, schema, conf)) {
            rows.forEach(w::write);
            w.commit();
        }
        List<Row> back = new ArrayList<>();
        try (RowReader r = RowFiles.open(path, DataFormat.PARQUET, schema, conf)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                back.add(row);
            }
        }
        assertThat(back).containsExactlyElementsOf(rows);
        assertThat(back.get(4).get("province")).isSameAs(back.get(59_996).get("province"));
        assertThat(back.get(1).get("born")).isSameAs(back.get(501).get("born"));
    }

    @Test
    void undecodedCopyHoldsTheSameTextAndWritesTheSameFile() throws IOException {
        List<Row> rows = rows(3_000);
        writeAndRead(tmp.resolve("a.parquet").toUri(), DataFormat.PARQUET, rows);
        Configuration conf = Storage.configuration();
        List<Row> raw = new ArrayList<>();
        try (RowReader r = RowFiles.openUndecoded(new Path(tmp.resolve("a.parquet").toUri()), DataFormat.PARQUET, SCHEMA, conf)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                raw.add(row);
            }
        }
        assertThat(raw).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(raw.get(i).get("text")).isEqualTo(rows.get(i).get("text") == null ? null : Utf8.of((String) rows.get(i).get("text")));
            assertThat(raw.get(i).getString("id")).isEqualTo(rows.get(i).getString("id"));
            assertThat(raw.get(i).get("at")).isEqualTo(rows.get(i).get("at"));
        }
        try (RowWriter w = RowFiles.create(new Path(tmp.resolve("b.parquet").toUri()), DataFormat.PARQUET, SCHEMA, conf)) {
            raw.forEach(w::write);
            w.commit();
        }
        assertThat(Files.readAllBytes(tmp.resolve("b.parquet"))).isEqualTo(Files.readAllBytes(tmp.resolve("a.parquet")));
    }

    @Test
    void presenceReadDecodesOnlyTheNamedColumnsInTheRequestedOrderAndKeepsEveryNull() {
        List<Row> rows = rows(30_000);
        writeAndRead(tmp.resolve("p.parquet").toUri(), DataFormat.PARQUET, rows);
        RowSchema some = SCHEMA.project(List.of("text", "at", "n", "id"));
        List<Row> back = new ArrayList<>();
        try (RowReader r = RowFiles.openForPresence(new Path(tmp.resolve("p.parquet").toUri()), DataFormat.PARQUET, some,
                java.util.Set.of("at", "id"), Storage.configuration())) {
            for (Row row = r.next(); row != null; row = r.next()) {
                back.add(row);
            }
        }
        assertThat(back).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            Row want = rows.get(i);
            Row got = back.get(i);
            assertThat(got.get("at")).isEqualTo(want.get("at"));
            assertThat(got.get("id")).isEqualTo(Utf8.of((String) want.get("id")));
            assertThat(got.get("n")).isEqualTo(want.get("n") == null ? null : Row.NOT_READ);
            assertThat(got.get("text")).isEqualTo(want.get("text") == null ? null : Row.NOT_READ);
        }
        assertThat(back).extracting(r -> r.get("n")).containsNull().contains(Row.NOT_READ);
    }

    @Test
    void presenceReadAcrossRowGroupsWithAndWithoutNullsInAColumn() {
        // 'n' has nulls only in the first rows: the later row groups' footers count none, the first do
        List<Row> rows = new ArrayList<>();
        for (Row r : rows(40_000)) {
            int i = rows.size();
            rows.add(Row.of(SCHEMA, r.get(0), i < 3000 && i % 3 == 0 ? null : i, r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)));
        }
        Path path = new Path(tmp.resolve("groups.parquet").toUri());
        try (RowWriter w = ParquetRowWriter.create(path, SCHEMA, Storage.configuration(),
                org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD, 64 * 1024)) {
            rows.forEach(w::write);
            w.commit();
        }
        assertThat(ParquetRowReader.footer(path, Storage.configuration()).getBlocks()).as("several row groups").hasSizeGreaterThan(3);
        List<Row> back = new ArrayList<>();
        try (RowReader r = RowFiles.openForPresence(path, DataFormat.PARQUET, SCHEMA, java.util.Set.of("id"), Storage.configuration())) {
            for (Row row = r.next(); row != null; row = r.next()) {
                back.add(row);
            }
        }
        assertThat(back).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 1; c < SCHEMA.size(); c++) {
                assertThat(back.get(i).get(c)).as("row %d column %d", i, c).isEqualTo(rows.get(i).get(c) == null ? null : Row.NOT_READ);
            }
            assertThat(back.get(i).get(0)).isEqualTo(Utf8.of((String) rows.get(i).get(0)));
        }
    }

    @Test
    void aColumnWhoseDictionaryOverflowedIsNamedAsNotWorthADictionary() {
        RowSchema two = RowSchema.of(List.of(new RowSchema.Field("unique", ColumnType.STRING, true),
                new RowSchema.Field("few", ColumnType.STRING, true)));
        Path file = new Path(tmp.resolve("d.parquet").toUri());
        try (RowWriter w = RowFiles.create(file, DataFormat.PARQUET, two, Storage.configuration())) {
            // first pages of 100 repeated values (a dictionary pays), then 40,000 distinct 40-byte values
            // overflow the writer's 1 MiB dictionary: the later pages are plain
            for (int i = 0; i < 70_000; i++) {
                w.write(Row.of(two, "%040d".formatted(i < 30_000 ? i % 100 : i), "kind-" + i % 5));
            }
            w.commit();
        }
        assertThat(ParquetSchemas.columnsWithoutDictionary(ParquetRowReader.footer(file, Storage.configuration())))
                .containsExactly("unique");
    }

    @Test
    void abandonedWriterLeavesNothingBehind() throws IOException {
        Path target = new Path(tmp.resolve("x.parquet").toUri());
        try (RowWriter w = RowFiles.create(target, DataFormat.PARQUET, SCHEMA, Storage.configuration())) {
            rows(100).forEach(w::write);
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void truncatedParquetFailsNamingTheFile() throws IOException {
        writeAndRead(tmp.resolve("t.parquet").toUri(), DataFormat.PARQUET, rows(1_000));
        byte[] all = Files.readAllBytes(tmp.resolve("t.parquet"));
        Files.write(tmp.resolve("t.parquet"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ParquetRowReader.open(new Path(tmp.resolve("t.parquet").toUri()), SCHEMA, Storage.configuration()))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("t.parquet").hasMessageContaining("truncated or corrupt");
    }

    @Test
    void corruptPageFailsWithoutReturningGarbageAsComplete() throws IOException {
        writeAndRead(tmp.resolve("c.parquet").toUri(), DataFormat.PARQUET, rows(20_000));
        byte[] all = Files.readAllBytes(tmp.resolve("c.parquet"));
        for (int i = 100; i < all.length / 2; i += 7) {
            all[i] ^= (byte) 0x5a;
        }
        Files.write(tmp.resolve("c.parquet"), all);
        assertThatThrownBy(() -> {
            try (RowReader r = ParquetRowReader.open(new Path(tmp.resolve("c.parquet").toUri()), SCHEMA, Storage.configuration())) {
                while (r.next() != null) {
                    // read all
                }
            }
        }).isInstanceOf(DataFileException.class).hasMessageContaining("c.parquet");
    }

    @Test
    void malformedCsvAndJsonlNameFileAndLine() throws IOException {
        java.nio.file.Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "id,n,big,amount,flag,day,at,text\na,1,2,3.0,true,2020-01-01,2020-01-01T00:00:00Z,x\nb,notanumber,2,3.0,true,2020-01-01,2020-01-01T00:00:00Z,y\n");
        assertThatThrownBy(() -> readAll(csv, DataFormat.CSV)).hasMessageContaining("bad.csv:3").hasMessageContaining("'n'");
        java.nio.file.Path jsonl = tmp.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"id\":\"a\"}\n{\"id\":\"b\",\"surprise\":1}\n");
        assertThatThrownBy(() -> readAll(jsonl, DataFormat.JSONL)).hasMessageContaining("bad.jsonl:2").hasMessageContaining("unknown field 'surprise'");
        Files.writeString(jsonl, "{\"id\":\"a\"}\n{\"id\":\"b\",\n");
        assertThatThrownBy(() -> readAll(jsonl, DataFormat.JSONL)).hasMessageContaining("bad.jsonl:2").hasMessageContaining("not valid JSON");
        java.nio.file.Path unknown = tmp.resolve("unknown.csv");
        Files.writeString(unknown, "id,n,big,amount,flag,day,at,text,extra\n");
        assertThatThrownBy(() -> readAll(unknown, DataFormat.CSV)).hasMessageContaining("unknown column 'extra'");
    }

    static void readAll(java.nio.file.Path p, DataFormat f) {
        try (RowReader r = RowFiles.open(new Path(p.toUri()), f, SCHEMA, Storage.configuration())) {
            while (r.next() != null) {
                // read all
            }
        }
    }
}
