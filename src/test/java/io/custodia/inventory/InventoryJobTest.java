package io.custodia.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.pii.Identifiers;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory job end to end on a small company built here, whose expected counts are computed
 * while building it (not by the job's code): rows, distinct customers, nulls, and a column declared
 * general that carries resident ID numbers.
 */
class InventoryJobTest {
    @TempDir
    java.nio.file.Path tmp;
    TestHome home;
    int rows = 1_234;
    Set<String> customers = new HashSet<>();
    long nullNotes;
    long idsInNotes;

    @BeforeEach
    void company() throws Exception {
        home = new TestHome(tmp);
        Files.createDirectories(tmp.resolve("data/orders"));
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("data/catalog.yaml"), """
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
            try (RowWriter w = RowFiles.create(new Path(tmp.resolve("data/orders/part-" + part + ".parquet").toUri()),
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
                        notes = "please ship to ID " + body + Identifiers.residentIdCheckChar(body);
                        idsInNotes++;
                    } else {
                        notes = "gift wrap " + i;
                    }
                    w.write(Row.of(schema, "O" + i, customer, "6222020000000000", notes));
                }
                w.commit();
            }
        }
        Files.writeString(tmp.resolve("jobs/inventory.yaml"), "job: inventory\ncatalog: ../data/catalog.yaml\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    @Test
    void countsAndFlagsAreExact() throws Exception {
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/inventory.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        java.nio.file.Path report = home.files("report.json").getFirst();
        JsonNode json = JsonMapper.builder().build().readTree(report.toFile());
        assertThat(json.path("facts").path("rows").asLong()).isEqualTo(rows);
        JsonNode datasets = json.path("tables").get(1).path("rows").get(0);
        assertThat(datasets.get(4).asLong()).isEqualTo(rows);
        assertThat(datasets.get(5).asLong()).isEqualTo(customers.size());
        JsonNode findings = json.path("tables").get(0).path("rows");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get(2).asString()).isEqualTo("notes");
        assertThat(findings.get(0).get(3).asString()).contains(String.format("%,d", idsInNotes) + " of " + String.format("%,d", rows - nullNotes))
                .contains("resident-id");
        assertThat(Files.readString(report.resolveSibling("report.html"))).contains("notes").doesNotContain("110105");
        assertThat(home.cli("evidence", "verify").out()).contains("1 entries");

        TestHome.Result again = home.cli("run", tmp.resolve("jobs/inventory.yaml").toString(), "--date", "2026-11-25");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already completed");
        assertThat(home.files("report.json")).hasSize(1);
    }
}
