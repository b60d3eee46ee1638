package io.custodia.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background writer keeps the caller's row order, rolls files at the limit and reports its failures. */
class PartWriterTest {
    private static final RowSchema SCHEMA = RowSchema.of(List.of(
            new RowSchema.Field("id", ColumnType.LONG, true), new RowSchema.Field("name", ColumnType.STRING, false)));

    @Test
    void rowsArriveInOrderAcrossRolledFilesEvenThoughTheCallerReusesItsRow(@TempDir Path dir) {
        int n = 10_000;
        try (PartWriter w = writer(dir, 3_000)) {
            Row r = w.newRow();
            for (long i = 0; i < n; i++) {
                r.set(0, i);
                r.set(1, i % 7 == 0 ? null : "n" + i);
                w.write(r);
            }
            w.finish();
            assertThat(w.rows()).isEqualTo(n);
            assertThat(w.files()).isEqualTo(4);
        }
        List<Object[]> read = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            try (ParquetRowReader in = ParquetRowReader.open(new org.apache.hadoop.fs.Path(dir.resolve("part-0000" + f + ".parquet").toUri()),
                    SCHEMA, Storage.configuration())) {
                for (Row row = in.next(); row != null; row = in.next()) {
                    read.add(new Object[] {row.get(0), row.get(1)});
                }
            }
        }
        assertThat(read).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(read.get(i)[0]).isEqualTo((long) i);
            assertThat(read.get(i)[1]).isEqualTo(i % 7 == 0 ? null : "n" + i);
        }
    }

    @Test
    void aFailureOnTheWriterThreadIsRethrownToTheCaller(@TempDir Path dir) throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        try (PartWriter w = writer(notADirectory, 100)) {
            Row r = w.newRow();
            r.set(0, 1L);
            w.write(r);
            assertThatThrownBy(w::finish).hasMessageContaining(notADirectory.getFileName().toString());
        }
    }

    @Test
    void closingWithoutFinishKeepsCommittedPartsAndLeavesNoHalfFile(@TempDir Path dir) throws Exception {
        try (PartWriter w = writer(dir, 5_000)) {
            Row r = w.newRow();
            for (long i = 0; i < 12_000; i++) {
                r.set(0, i);
                w.write(r);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            // only a full first part can have been committed; the second was in progress and is gone
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).isSubsetOf("part-00000.parquet");
            for (String name : names) {
                assertThat(ParquetRowReader.rowCount(new org.apache.hadoop.fs.Path(dir.resolve(name).toUri()), Storage.configuration()))
                        .isEqualTo(5_000);
            }
        }
    }

    private static PartWriter writer(Path dir, long rowsPerFile) {
        return new PartWriter(new org.apache.hadoop.fs.Path(dir.toUri()), DataFormat.PARQUET, SCHEMA, Storage.configuration(), rowsPerFile);
    }
}
