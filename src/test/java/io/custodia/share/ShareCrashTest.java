package io.custodia.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.crypto.Ed25519Keys;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.support.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of a real child JVM at the two moments that matter for a share: just before the export
 * directory is renamed into place (nothing may be visible, and resuming publishes it once) and
 * just after (the export is complete; resuming registers it exactly once, unchanged).
 */
class ShareCrashTest {
    @TempDir
    Path tmp;
    TestHome home;
    ShareTestCompany company;
    Path job;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        company = new ShareTestCompany(tmp, 600, 3);
        Files.createDirectories(tmp.resolve("jobs"));
        job = tmp.resolve("jobs/share-crash.yaml");
        Files.writeString(job, """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: crash
                  recipient: {name: Swift Parcel, id: swift-parcel, country: CN}
                  purpose: delivery planning
                  approval: SR-TEST-9
                  source: {dataset: customers}
                  columns:
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: mobile, transform: fpe, format: mobile}
                    - {column: gender, transform: keep}
                  privacy:
                    quasi-identifiers: [gender]
                    k: 5
                """);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    void runUntilKilled(String crashPoint, String date) throws Exception {
        Process p = home.child(List.of("-D" + CrashPoints.PROPERTY + "=" + crashPoint), "run", job.toString(), "--date", date);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            boolean reached = false;
            StringBuilder seen = new StringBuilder();
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(CrashPoints.MARKER)) {
                    reached = true;
                    break;
                }
            }
            assertThat(reached).as("the child reached %s:%n%s", crashPoint, seen).isTrue();
        }
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    long exportEntries() {
        return new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub")),
                EntryTypes.SHARE_EXPORT).size();
    }

    static List<String> visible(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void killedBeforeTheRenameNothingIsVisibleAndResumingPublishesOnce() throws Exception {
        runUntilKilled("share.publish.before-rename", "2026-11-25");
        assertThat(visible(tmp.resolve("var/exports/crash"))).isEmpty();
        assertThat(exportEntries()).isZero();

        assertThat(home.cli("recover").exitCode()).isZero();
        TestHome.Result r = home.cli("run", job.toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(visible(tmp.resolve("var/exports/crash"))).containsExactly("2026-11-25");
        try (Stream<Path> s = Files.list(tmp.resolve("var/exports/crash"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("2026-11-25");
        }
        Path dir = tmp.resolve("var/exports/crash/2026-11-25");
        assertThat(visible(dir)).containsExactly("manifest.json", "manifest.json.sig", "part-00000.parquet", "part-00001.parquet");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
        }
        int rows = ExportReader.rows(dir).size();
        assertThat(rows).isEqualTo(company.customers.size());
        assertThat(JsonMapper.builder().build().readTree(dir.resolve("manifest.json").toFile()).path("rows").asInt()).isEqualTo(rows);
        assertThat(exportEntries()).isEqualTo(1);
        assertThat(tmp.resolve("var/state/share/crash/2026-11-25")).doesNotExist();
    }

    @Test
    void killedAfterTheRenameResumingRegistersTheSameExportOnce() throws Exception {
        runUntilKilled("share.publish.before-register", "2026-11-26");
        Path dir = tmp.resolve("var/exports/crash/2026-11-26");
        assertThat(visible(dir)).containsExactly("manifest.json", "manifest.json.sig", "part-00000.parquet", "part-00001.parquet");
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        assertThat(exportEntries()).isZero();

        assertThat(home.cli("recover").exitCode()).isZero();
        TestHome.Result r = home.cli("run", job.toString(), "--date", "2026-11-26");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("manifest.json"))).as("the published export is not rewritten").isEqualTo(manifest);
        assertThat(visible(tmp.resolve("var/exports/crash"))).containsExactly("2026-11-26");
        try (Stream<Path> s = Files.list(tmp.resolve("var/exports/crash"))) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no second in-progress directory").containsExactly("2026-11-26");
        }
        assertThat(exportEntries()).isEqualTo(1);
        assertThat(new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub")),
                EntryTypes.SHARE_EXPORT).getFirst().body().path("manifestSha256").asString())
                .isEqualTo(io.custodia.crypto.Hashes.sha256Hex(manifest));
    }
}
