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
import io.custodia.batch.CrashPoints;
import io.custodia.support.BatchTables;
import io.custodia.support.TestHome;
import io.custodia.support.TinyCompany;
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
    TinyCompany company;

    @BeforeEach
    void company() throws Exception {
        home = new TestHome(tmp);
        company = new TinyCompany(tmp, 1_234);
    }

    JsonNode report() {
        java.nio.file.Path report = home.files("report.json").getFirst();
        return JsonMapper.builder().build().readTree(report.toFile());
    }

    @Test
    void countsAndFlagsAreExact() throws Exception {
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", company.jobFile.toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode json = report();
        assertThat(json.path("facts").path("rows").asLong()).isEqualTo(company.rows);
        JsonNode datasets = json.path("tables").get(1).path("rows").get(0);
        assertThat(datasets.get(4).asLong()).isEqualTo(company.rows);
        assertThat(datasets.get(5).asLong()).isEqualTo(company.customers.size());
        JsonNode findings = json.path("tables").get(0).path("rows");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get(2).asString()).isEqualTo("notes");
        assertThat(findings.get(0).get(3).asString())
                .contains(String.format("%,d", company.idsInNotes) + " of " + String.format("%,d", company.rows - company.nullNotes))
                .contains("resident-id");
        String html = Files.readString(home.files("report.html").getFirst());
        assertThat(html).contains("notes");
        for (String id : company.residentIds) {
            assertThat(html).doesNotContain(id);
        }
        assertThat(home.cli("evidence", "verify").out()).contains("1 entries");

        TestHome.Result again = home.cli("run", company.jobFile.toString(), "--date", "2026-11-25");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already completed");
        assertThat(home.files("report.json")).hasSize(1);
    }

    @Test
    void failedRunRestartsFromTheFailedStepAndCompletesExactly() throws Exception {
        TestHome.Result failed = home.cli("run", company.jobFile.toString(), "--date", "2026-11-25");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("signing key is missing").contains("keys init").contains("restart 1");
        assertThat(home.files("report.json")).isEmpty();

        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result resumed = home.cli("restart", "1");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();

        List<BatchTables.Execution> executions = BatchTables.executions(tmp.resolve("var/state"));
        assertThat(executions).extracting(BatchTables.Execution::status).containsExactly("FAILED", "COMPLETED");
        assertThat(executions.get(0).instanceId()).isEqualTo(executions.get(1).instanceId());
        assertThat(BatchTables.steps(tmp.resolve("var/state"), executions.get(0).id()))
                .contains("inventory.dataset:orders", "inventory.report");
        assertThat(BatchTables.steps(tmp.resolve("var/state"), executions.get(1).id()))
                .as("the completed scan partition is not run again").doesNotContain("inventory.dataset:orders").contains("inventory.report");
        assertThat(report().path("facts").path("rows").asLong()).isEqualTo(company.rows);
    }

    @Test
    void killedRunIsRecoveredThenCompletes() throws Exception {
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=inventory.scan.orders"),
                "run", company.jobFile.toString(), "--date", "2026-11-25");
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith(CrashPoints.MARKER)) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("child output before exit:\n%s", seen).isEqualTo(CrashPoints.MARKER + "inventory.scan.orders");
            child.destroyForcibly();
            assertThat(child.waitFor()).isEqualTo(137);
        }
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status).containsExactly("STARTED");

        TestHome.Result refused = home.cli("run", company.jobFile.toString(), "--date", "2026-11-25");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("process is gone").contains("recover");

        TestHome.Result recovered = home.cli("recover");
        assertThat(recovered.exitCode()).isZero();
        assertThat(recovered.out()).contains("recovered execution 1");

        TestHome.Result done = home.cli("run", company.jobFile.toString(), "--date", "2026-11-25");
        assertThat(done.exitCode()).as(done.all()).isZero();
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status)
                .containsExactly("FAILED", "COMPLETED");
        assertThat(report().path("facts").path("rows").asLong()).isEqualTo(company.rows);
    }
}
