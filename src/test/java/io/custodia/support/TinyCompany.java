package io.custodia.support;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.pii.Identifiers;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small company written by the test itself, so expected counts are known without the job's code:
 * one orders dataset in two Parquet files, a column declared general that carries resident ID
 * numbers in some rows, and an inventory job file.
 */
public final class TinyCompany {
    public final int rows;
    public final Set<String> customers = new HashSet<>();
    public final Set<String> residentIds = new HashSet<>();
    public long nullNotes;
    public long idsInNotes;
    public final Path jobFile;

    public TinyCompany(Path root, int rows) throws IOException {
        this.rows = rows;
        Files.createDirectories(root.resolve("data/orders"));
        Files.createDirectories(root.resolve("jobs"));
        Files.writeString(root.resolve("data/catalog.yaml"), """
                version: 1
                company: Tiny Co.
                datasets:
                  - name: orders
                    location: orders
                    format: parquet
                    primary-key: order_id
                    subject-key: customer_id
                    columns:
                      - {name: order_id, type: string, level: general, required: true}
                      - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                      - {name: card, type: string, level: core, tags: [sensitive]}
                      - {name: notes, type: string, level: general}
                """);
        RowSchema schema = RowSchema.of(List.of(new RowSchema.Field("order_id", ColumnType.STRING, true),
                new RowSchema.Field("customer_id", ColumnType.STRING, true), new RowSchema.Field("card", ColumnType.STRING, false),
                new RowSchema.Field("notes", ColumnType.STRING, false)));
        SplittableRandom r = new SplittableRandom(7);
        for (int part = 0; part < 2; part++) {
            try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(root.resolve("data/orders/part-" + part + ".parquet").toUri()),
                    DataFormat.PARQUET, schema, Storage.configuration())) {
                for (int i = part * rows / 2; i < (part + 1) * rows / 2; i++) {
                    String customer = "C" + r.nextInt(400);
                    customers.add(customer);
                    String notes;
                    if (i % 10 == 0) {
                        notes = null;
                        nullNotes++;
                    } else if (i % 17 == 0) {
                        String body = "11010519" + (50 + i % 40) + "0101" + String.format("%03d", i % 1000);
                        String id = body + Identifiers.residentIdCheckChar(body);
                        residentIds.add(id);
                        notes = "please ship to ID " + id;
                        idsInNotes++;
                    } else {
                        notes = "gift wrap " + i;
                    }
                    w.write(Row.of(schema, "O" + i, customer, "6222020000000000", notes));
                }
                w.commit();
            }
        }
        jobFile = root.resolve("jobs/inventory.yaml");
        Files.writeString(jobFile, "job: inventory\ncatalog: ../data/catalog.yaml\n");
    }
}
