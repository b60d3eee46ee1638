package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.catalog.DataFormat;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.age.AgeEncryptor;
import io.custodia.crypto.age.AgeRecipient;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention plans first and destroys only what the keep policy lets go, only with an approval and
 * never in a dry run: an expired set stops being a set, the objects no remaining set references
 * (and old orphans) are erased, everything else is untouched, and the destruction certificate in
 * the ledger says what was achieved and how it was checked.
 */
class RetentionTest {
    @TempDir
    Path tmp;
    TestHome home;
    Path job;

    void jobFile(String retention) throws Exception {
        Files.writeString(job, "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n  retention:\n" + retention);
    }

    TestHome.Result run(String date, boolean dry) {
        return dry ? home.cli("run", job.toString(), "--date", date, "--dry-run") : home.cli("run", job.toString(), "--date", date);
    }

    void changeOrders(String id) {
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(tmp.resolve("data/orders/part-2.parquet").toUri()), DataFormat.PARQUET,
                Company.ORDERS, Storage.configuration())) {
            w.write(Row.of(Company.ORDERS, id, "C000001", 1.0));
            w.commit();
        }
    }

    Manifest manifest(String set) throws Exception {
        return JsonMapper.builder().build().readValue(tmp.resolve("backups/sets/" + set + "/manifest.json").toFile(), Manifest.class);
    }

    JsonNode report(String contains) throws Exception {
        return JsonMapper.builder().build().readTree(home.files("report.json").stream().filter(p -> p.toString().contains(contains))
                .findFirst().orElseThrow().toFile());
    }

    @Test
    void expiredSetsAreDestroyedOnlyWhenApprovedAndNotInADryRunWithACertificate() throws Exception {
        home = new TestHome(tmp);
        new Company(tmp.resolve("data"), 30).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        job = tmp.resolve("jobs/nightly-backup.yaml");
        assertThat(home.cli("keys", "init").exitCode()).isZero();

        jobFile("    keep: {daily: 2}\n");
        assertThat(run("2026-11-20", false).exitCode()).isZero();
        String firstObject = manifest("2026-11-20-nightly-backup").files().stream().filter(e -> e.path().equals("data/orders/part-2.parquet"))
                .findFirst().orElseThrow().object();
        Path p0 = tmp.resolve("backups").resolve(firstObject);

        changeOrders("O-21");
        jobFile("    keep: {daily: 1}\n");
        TestHome.Result unapproved = run("2026-11-21", false);
        assertThat(unapproved.exitCode()).as(unapproved.all()).isZero();
        JsonNode facts = report("2026-11-21").path("facts");
        assertThat(facts.path("retention").asString()).isEqualTo("plan only (no approval in the job file)");
        assertThat(facts.path("sets expiring").asInt()).isEqualTo(1);
        assertThat(facts.path("objects to destroy").asInt()).isEqualTo(1);
        assertThat(p0).exists();
        assertThat(tmp.resolve("backups/sets/2026-11-20-nightly-backup/manifest.json.sig")).exists();

        // an orphan: an object no set refers to, older than the grace period
        Path orphan = tmp.resolve("backups/objects/ee/" + "e".repeat(64) + ".age");
        Files.createDirectories(orphan.getParent());
        AgeRecipient r = new KeyDirectory(tmp.resolve("var/keys")).backupRecipients().getFirst();
        try (OutputStream out = AgeEncryptor.encryptingStream(Files.newOutputStream(orphan), List.of(r))) {
            out.write(new byte[5000]);
        }
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(10, ChronoUnit.DAYS)));

        changeOrders("O-22");
        jobFile("    keep: {daily: 2}\n    approval: SEC-2026-014\n    orphans-after: 7d\n");
        Map<Path, Object> objectsBefore = BackupJobTest.fileKeys(tmp.resolve("backups/objects"));
        TestHome.Result dry = run("2026-11-22", true);
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        JsonNode dryFacts = report("dry-run").path("facts");
        assertThat(dryFacts.path("retention").asString()).isEqualTo("plan only (dry run)");
        assertThat(dryFacts.path("objects to destroy").asInt()).isEqualTo(2);
        assertThat(BackupJobTest.fileKeys(tmp.resolve("backups/objects"))).isEqualTo(objectsBefore);
        assertThat(tmp.resolve("backups/sets/2026-11-22-nightly-backup")).doesNotExist();

        TestHome.Result real = run("2026-11-22", false);
        assertThat(real.exitCode()).as(real.all()).isZero();
        assertThat(tmp.resolve("backups/sets/2026-11-20-nightly-backup")).doesNotExist();
        assertThat(tmp.resolve("backups/trash")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
        assertThat(p0).doesNotExist();
        assertThat(orphan).doesNotExist();
        Map<Path, Object> objectsAfter = BackupJobTest.fileKeys(tmp.resolve("backups/objects"));
        for (String set : List.of("2026-11-21-nightly-backup", "2026-11-22-nightly-backup")) {
            for (ManifestEntry e : manifest(set).files()) {
                Path rel = tmp.resolve("backups/objects").relativize(tmp.resolve("backups").resolve(e.object()));
                assertThat(objectsAfter).containsKey(rel);
                if (objectsBefore.containsKey(rel)) {
                    assertThat(objectsAfter.get(rel)).isEqualTo(objectsBefore.get(rel));
                }
            }
        }
        var ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        List<JsonNode> certs = ledger.entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(), EntryTypes.DESTRUCTION_CERTIFICATE)
                .stream().map(x -> x.body()).toList();
        assertThat(certs).hasSize(1);
        JsonNode c = certs.getFirst();
        assertThat(c.path("approval").asString()).isEqualTo("SEC-2026-014");
        assertThat(c.path("quantity").path("sets").asInt()).isEqualTo(1);
        assertThat(c.path("quantity").path("objects").asInt()).isEqualTo(2);
        assertThat(c.path("quantity").path("orphanObjects").asInt()).isEqualTo(1);
        assertThat(c.path("sets").get(0).path("set").asString()).isEqualTo("2026-11-20-nightly-backup");
        assertThat(c.path("allVerified").asBoolean()).isTrue();
        assertThat(c.path("nist80088").path("sanitizationCategory").asString()).startsWith("Purge (cryptographic erase");
        assertThat(c.path("objects")).allSatisfy(o -> {
            assertThat(o.path("headerBytesOverwritten").asInt()).isPositive();
            assertThat(o.path("overwritePasses").asInt()).isEqualTo(3);
            assertThat(o.path("decryption").asString()).contains("no longer parses as age");
        });
        assertThat(c.path("objects").findValuesAsString("object")).containsExactlyInAnyOrder(firstObject,
                BackupStore.OBJECTS + "/ee/" + "e".repeat(64) + ".age");
        assertThat(c.toString()).doesNotContain("C0000");
        assertThat(report("2026-11-22-e").path("facts").path("destruction certificate").asString()).startsWith("DC-backup-2026-11-22");
    }
}
