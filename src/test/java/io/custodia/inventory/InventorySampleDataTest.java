package io.custodia.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory on the committed sample company, its counts checked against values computed here
 * with parquet-java's own example reader (not Custodia's reader), and an undeclared column of ID
 * numbers planted into a copy of the data is flagged.
 */
class InventorySampleDataTest {
    @TempDir
    static Path tmp;
    static TestHome home;
    static JsonNode report;

    @BeforeAll
    static void runOnACopyWithAPlantedColumn() throws Exception {
        home = new TestHome(tmp);
        home.copyTree(Path.of("sample-data"), "sample-data");
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/inventory.yaml"), "job: inventory\ncatalog: ../sample-data/catalog.yaml\n");
        // plant: legal_holds gets a column declared general that holds resident ID numbers
        Path holds = tmp.resolve("sample-data/datasets/legal_holds.csv");
        List<String> lines = Files.readAllLines(holds);
        StringBuilder b = new StringBuilder(lines.getFirst()).append(",note\n");
        for (int i = 1; i < lines.size(); i++) {
            b.append(lines.get(i)).append(",").append(i % 2 == 0 ? "holder ID 11010519491231002X" : "").append('\n');
        }
        Files.writeString(holds, b.toString());
        Path catalog = tmp.resolve("sample-data/catalog.yaml");
        String text = Files.readString(catalog);
        Files.writeString(catalog, text.replace("      - {name: held_until,  type: date,   level: general}",
                "      - {name: held_until,  type: date,   level: general}\n      - {name: note,        type: string, level: general}"));
        assertThat(Files.readString(catalog)).contains("name: note");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/inventory.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        report = JsonMapper.builder().build().readTree(home.files("report.json").getFirst().toFile());
    }

    record Counts(long rows, long distinct, Map<String, Long> nulls) {
    }

    static Counts parquet(String dataset, String subject) throws IOException {
        long rows = 0;
        Set<String> subjects = new HashSet<>();
        Map<String, Long> nulls = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(tmp.resolve("sample-data/datasets/" + dataset))) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        for (Path f : files) {
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri()))
                    .withConf(new Configuration()).build()) {
                Group g;
                while ((g = r.read()) != null) {
                    rows++;
                    subjects.add(g.getString(subject, 0));
                    for (int i = 0; i < g.getType().getFieldCount(); i++) {
                        if (g.getFieldRepetitionCount(i) == 0) {
                            nulls.merge(g.getType().getFieldName(i), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return new Counts(rows, subjects.size(), nulls);
    }

    static JsonNode datasetRow(String name) {
        for (JsonNode row : report.path("tables").get(1).path("rows")) {
            if (row.get(0).asString().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name);
    }

    static JsonNode columnRow(String dataset, String column) {
        for (JsonNode row : report.path("tables").get(2).path("rows")) {
            if (row.get(0).asString().equals(dataset) && row.get(1).asString().equals(column)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + dataset + "." + column);
    }

    @Test
    void rowsDistinctCustomersAndNullsMatchAnIndependentReader() throws IOException {
        long total = 0;
        for (String ds : List.of("customers", "orders", "events", "consents", "enquiries")) {
            Counts c = parquet(ds, "customer_id");
            assertThat(datasetRow(ds).get(4).asLong()).as(ds + " rows").isEqualTo(c.rows());
            assertThat(datasetRow(ds).get(5).asLong()).as(ds + " distinct customers").isEqualTo(c.distinct());
            total += c.rows();
            long values = c.rows() - c.nulls().getOrDefault("account_closed_at", 0L);
            if (ds.equals("customers")) {
                assertThat(columnRow(ds, "account_closed_at").get(4).asLong()).isEqualTo(values);
                assertThat(columnRow(ds, "resident_id").get(4).asLong()).isEqualTo(c.rows() - c.nulls().getOrDefault("resident_id", 0L));
            }
        }
        for (String csv : List.of("erasure_requests", "legal_holds", "transfer_ledger")) {
            long rows = Files.readAllLines(tmp.resolve("sample-data/datasets/" + csv + ".csv")).stream().skip(1).filter(l -> !l.isBlank()).count();
            assertThat(datasetRow(csv).get(4).asLong()).as(csv).isEqualTo(rows);
            total += rows;
        }
        long egress;
        try (Stream<Path> s = Files.list(tmp.resolve("sample-data/datasets/egress"))) {
            egress = s.mapToLong(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        assertThat(datasetRow("egress_log").get(4).asLong()).isEqualTo(egress);
        total += egress;
        assertThat(report.path("facts").path("rows").asLong()).isEqualTo(total);
        assertThat(report.path("facts").path("customers (distinct subjects)").asLong()).isEqualTo(10_000);
    }

    @Test
    void plantedUndeclaredIdColumnAndLeakyCommentsAreFlaggedAndNothingElse() throws IOException {
        List<Path> holds = List.of(tmp.resolve("sample-data/datasets/legal_holds.csv"));
        long planted = Files.readAllLines(holds.getFirst()).stream().filter(l -> l.contains("11010519491231002X")).count();
        assertThat(planted).isPositive();
        JsonNode findings = report.path("tables").get(0).path("rows");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get(1).asString() + "." + findings.get(0).get(2).asString()).isEqualTo("enquiries.comment");
        assertThat(findings.get(1).get(1).asString() + "." + findings.get(1).get(2).asString()).isEqualTo("legal_holds.note");
        assertThat(findings.get(1).get(3).asString()).contains("declared general but " + planted + " of " + planted + " values").contains("resident-id");
        assertThat(Files.readString(home.files("report.html").getFirst())).doesNotContain("11010519491231002X");
    }
}
