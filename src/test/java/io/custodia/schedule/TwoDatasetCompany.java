package io.custodia.schedule;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two datasets, {@code alpha} and {@code beta}, so a run killed while scanning beta has a
 * committed partition (alpha) that its restart must not scan again. Row counts are the test's own.
 */
final class TwoDatasetCompany {
    final int alphaRows;
    final int betaRows;
    final Path jobFile;

    TwoDatasetCompany(Path root, int alphaRows, int betaRows) throws IOException {
        this.alphaRows = alphaRows;
        this.betaRows = betaRows;
        Files.createDirectories(root.resolve("jobs"));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/catalog.yaml"), """
                version: 1
                company: Two Co.
                datasets:
                  - name: alpha
                    location: alpha
                    format: parquet
                    primary-key: id
                    subject-key: customer_id
                    columns:
                      - {name: id, type: string, level: general, required: true}
                      - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                  - name: beta
                    location: beta
                    format: parquet
                    primary-key: id
                    subject-key: customer_id
                    columns:
                      - {name: id, type: string, level: general, required: true}
                      - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                """);
        RowSchema schema = RowSchema.of(List.of(new RowSchema.Field("id", ColumnType.STRING, true),
                new RowSchema.Field("customer_id", ColumnType.STRING, true)));
        write(root.resolve("data/alpha"), schema, "A", alphaRows);
        write(root.resolve("data/beta"), schema, "B", betaRows);
        jobFile = root.resolve("jobs/inventory.yaml");
        Files.writeString(jobFile, "job: inventory\ncatalog: ../data/catalog.yaml\n");
    }

    int rows() {
        return alphaRows + betaRows;
    }

    private static void write(Path dir, RowSchema schema, String prefix, int rows) throws IOException {
        Files.createDirectories(dir);
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(dir.resolve("part-0.parquet").toUri()), DataFormat.PARQUET, schema,
                Storage.configuration())) {
            for (int i = 0; i < rows; i++) {
                w.write(Row.of(schema, prefix + i, "C" + (i % 97)));
            }
            w.commit();
        }
    }
}
