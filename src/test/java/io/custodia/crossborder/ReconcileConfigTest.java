package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job-file problems are found before anything runs, with file:line:column and exit code 2; a rule
 * file chosen by path for one run changes the verdict and is named in the report.
 */
class ReconcileConfigTest {
    @TempDir
    Path tmp;
    TestHome home;

    @BeforeEach
    void world() throws Exception {
        home = new TestHome(tmp);
        TransferWorld w = new TransferWorld();
        TransferWorld.Tx t = w.tx("T-01").people("C", 0, 1_500);
        t.write();
        t = w.tx("T-02").people("C", 1_000, 2_400); // split over two transfers: 2,400 individuals in all
        t.at = Instant.parse("2026-07-01T00:00:00Z");
        t.write();
        w.write(tmp.resolve("data"));
        Files.createDirectories(tmp.resolve("jobs"));
    }

    Path job(String name, String reconcileSection) throws Exception {
        Path f = tmp.resolve("jobs").resolve(name);
        Files.writeString(f, "job: reconcile\ncatalog: ../data/catalog.yaml\nreconcile:\n" + reconcileSection);
        return f;
    }

    static final String APPROVED = "  approved-recipients:\n    - {name: Analytics Inc., country: US, purposes: [analytics]}\n";

    @Test
    void jobFileProblemsNameTheLine() throws Exception {
        Path f = job("bad-key.yaml", APPROVED + "  tolerence: 5%\n");
        TestHome.Result r = home.cli("validate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":6:3: reconcile.tolerence: unknown key 'tolerence'");

        f = job("bad-rules.yaml", "  rules: cac-2023\n" + APPROVED);
        r = home.cli("run", f.toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":4:10: reconcile.rules: unknown rule set 'cac-2023'");

        f = job("bad-country.yaml", "  approved-recipients:\n    - {name: X, country: Germany, purposes: [p]}\n");
        r = home.cli("validate", f.toString());
        assertThat(r.err()).contains(f + ":5:26: reconcile.approved-recipients[0].country: expected an ISO 3166 alpha-2 country code");

        f = job("bad-fail-on.yaml", APPROVED + "  fail-on: [undeclared]\n");
        r = home.cli("validate", f.toString());
        assertThat(r.err()).contains(f + ":6:13: reconcile.fail-on[0]: unknown finding kind 'undeclared'; expected critical, warning or any of undeclared-transfer");

        Files.writeString(tmp.resolve("jobs/rules-broken.yaml"), "name: broken\n");
        f = job("broken-rules.yaml", "  rules: ./rules-broken.yaml\n" + APPROVED);
        r = home.cli("validate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(tmp.resolve("jobs/rules-broken.yaml") + ":1:1: (document): missing required key 'version'");

        f = job("ok.yaml", APPROVED);
        r = home.cli("validate", f.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(home.files("report.json")).isEmpty();
    }

    @Test
    void aRuleFileChosenByPathDecidesTheThresholds() throws Exception {
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        Files.writeString(tmp.resolve("jobs/strict.yaml"), Files.readString(Path.of("src/main/resources/io/custodia/crossborder/rules/cac-2024.yaml"))
                .replace("name: cac-2024", "name: group-policy-2026").replace("version: \"2024.1\"", "version: \"3\"")
                .replace("{at-least: 100000, requires: standard-contract-or-certification, citation: \"Art. 8\"}",
                        "{at-least: 2000, requires: standard-contract-or-certification, citation: \"group policy 4.2\"}"));
        Path cac = job("cac.yaml", APPROVED + "  fail-on: []\n");
        Path strict = job("strict-run.yaml", "  rules: ./strict.yaml\n" + APPROVED + "  fail-on: []\n");
        // the transfers cite a standard contract: below 100,000 cac-2024 requires nothing; the group policy requires one from 2,000
        assertThat(home.cli("run", cac.toString(), "--date", "2026-11-25").exitCode()).isZero();
        assertThat(home.cli("run", strict.toString(), "--date", "2026-11-25").exitCode()).isZero();
        JsonMapper json = JsonMapper.builder().build();
        JsonNode a = null;
        JsonNode b = null;
        for (Path p : home.files("report.json")) {
            JsonNode n = json.readTree(p.toFile());
            if (n.path("jobFile").asString().endsWith("cac.yaml")) {
                a = n;
            } else {
                b = n;
            }
        }
        assertThat(a.path("facts").path("rule set").asString()).isEqualTo("cac-2024 version 2024.1 (in force 2024-03-22)");
        assertThat(b.path("facts").path("rule set").asString()).isEqualTo("group-policy-2026 version 3 (in force 2024-03-22)");
        assertThat(b.path("facts").path("rule source").asString()).isEqualTo(tmp.resolve("jobs/strict.yaml").toString());
        assertThat(ReconcileJobTest.findings(a)).isEmpty();
        JsonNode volume = ReconcileJobTest.table(b, "Distinct individuals").path("rows").get(0);
        assertThat(volume.get(5).asLong()).isEqualTo(2_400);
        assertThat(volume.get(11).asString()).isEqualTo("standard contract filing or certification");
        // 2,400 reached 2,000: the contracts on file suffice, and the next threshold (1,000,000) is far
        assertThat(ReconcileJobTest.findings(b)).isEmpty();
        assertThat(ReconcileJobTest.table(b, "Rule set group-policy-2026 3").path("rows").toString()).contains("group policy 4.2");
    }
}
