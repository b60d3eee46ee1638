package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.HashingInputStream;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.SetStatus;
import io.custodia.catalog.DataFormat;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.age.AgeDecryptor;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 at each dangerous point of a backup, then `recover` and run again: no set ever looks
 * complete before its signature, no object that was complete is encrypted again (same inode and
 * modification time, and the report's counters say so), temporary objects of the dead run are
 * removed, and the finished set decrypts and verifies. Same for retention killed between the
 * cryptographic erase and the overwrite: the object is already undecryptable, and the resumed run
 * completes the destruction with one certificate.
 */
class BackupCrashTest {
    static final String DATE = "2026-11-25";
    static final String SET = DATE + "-nightly-backup";
    @TempDir
    Path tmp;
    TestHome home;
    Path job;

    void setUp(String retention) throws Exception {
        home = new TestHome(tmp);
        new Company(tmp.resolve("data"), 50).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        job = tmp.resolve("jobs/nightly-backup.yaml");
        Files.writeString(job, "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n" + retention);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    List<Path> temporaries() throws Exception {
        Path t = tmp.resolve("backups/tmp");
        if (!Files.isDirectory(t)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(t)) {
            return s.toList();
        }
    }

    LoadedSet set(String id) {
        return BackupStore.open(tmp.resolve("backups").toUri()).load(id, new KeyDirectory(tmp.resolve("var/keys")).verifier());
    }

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            "backup.object.mid:data/orders/part-0.parquet, 5, NOT_FOUND",
            "backup.before-manifest, 8, NOT_FOUND",
            "backup.before-signature, 8, UNSIGNED",
            "backup.before-ledger, 8, VALID"})
    void aBackupKilledAnywhereResumesWithoutReEncryptingCompleteObjects(String point, int completeAtKill, SetStatus statusAtKill) throws Exception {
        setUp("");
        Crash.killAt(home, point, "run", job.toString(), "--date", DATE);

        Map<Path, Object> atKill = Files.isDirectory(tmp.resolve("backups/objects")) ? BackupJobTest.fileKeys(tmp.resolve("backups/objects")) : Map.of();
        assertThat(atKill).hasSize(completeAtKill);
        assertThat(set(SET).status()).as("what a reader of the destination sees after the kill").isEqualTo(statusAtKill);
        if (point.startsWith("backup.object.mid")) {
            assertThat(temporaries()).as("a half-written object under a temporary name")
                    .filteredOn(p -> p.getFileName().toString().endsWith(".age.inprogress")).hasSize(1);
        }
        var ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        var verifier = new KeyDirectory(tmp.resolve("var/keys")).verifier();
        assertThat(ledger.entriesOfType(verifier, EntryTypes.BACKUP_SET)).isEmpty();

        TestHome.Result recovered = home.cli("recover");
        assertThat(recovered.out()).contains("recovered execution");
        TestHome.Result r = home.cli("run", job.toString(), "--date", DATE);
        assertThat(r.exitCode()).as(r.all()).isZero();

        Map<Path, Object> after = BackupJobTest.fileKeys(tmp.resolve("backups/objects"));
        assertThat(after).hasSize(8);
        atKill.forEach((p, key) -> assertThat(after.get(p)).as("complete object %s not rewritten", p).isEqualTo(key));
        assertThat(temporaries()).as("temporaries and the progress journal of the killed run removed").isEmpty();
        JsonNode facts = JsonMapper.builder().build().readTree(home.files("report.json").getFirst().toFile()).path("facts");
        if (completeAtKill < 8) {
            assertThat(facts.path("objects encrypted in this execution").asInt()).isEqualTo(8 - completeAtKill);
            assertThat(facts.path("objects encrypted by an earlier, interrupted execution (not redone)").asInt()).isEqualTo(completeAtKill);
        } else {
            assertThat(facts.path("objects encrypted in this execution").asInt()).isZero();
        }
        LoadedSet done = set(SET);
        assertThat(done.status()).isEqualTo(SetStatus.VALID);
        assertThat(ledger.entriesOfType(verifier, EntryTypes.BACKUP_SET)).hasSize(1);
        List<AgeIdentity> ids = AgeIdentity.readAll(tmp.resolve("var/keys/backup-identity.txt"));
        for (ManifestEntry e : done.manifest().files()) {
            try (InputStream in = Files.newInputStream(tmp.resolve("backups").resolve(e.object()))) {
                HashingInputStream plain = new HashingInputStream(AgeDecryptor.decryptingStream(in, ids));
                plain.drain();
                assertThat(plain.sha256()).isEqualTo(e.sha256());
            }
            assertThat(Files.readAllBytes(Path.of(java.net.URI.create(e.source())))).hasSize((int) e.size());
        }
    }

    @Test
    void retentionKilledAfterTheCryptographicEraseLeavesTheObjectUndecryptableAndResumes() throws Exception {
        setUp("  retention:\n    keep: {daily: 1}\n    approval: SEC-TEST\n    overwrite-passes: 1\n");
        assertThat(home.cli("run", job.toString(), "--date", "2026-11-24").exitCode()).isZero();
        String expired = set("2026-11-24-nightly-backup").manifest().files().stream().filter(e -> e.path().equals("data/orders/part-2.parquet"))
                .findFirst().orElseThrow().object();
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(tmp.resolve("data/orders/part-2.parquet").toUri()), DataFormat.PARQUET,
                Company.ORDERS, Storage.configuration())) {
            w.write(Row.of(Company.ORDERS, "O-x", "C000001", 2.0));
            w.commit();
        }
        Crash.killAt(home, "retention.header-erased", "run", job.toString(), "--date", DATE);

        Path object = tmp.resolve("backups").resolve(expired);
        assertThat(object).exists();
        assertThat(set("2026-11-24-nightly-backup").status()).as("the expired set stopped being a set first").isEqualTo(SetStatus.NOT_FOUND);
        Tools.require("age");
        Tools.Result age = Tools.run("/usr/bin/age", "-d", "-i", tmp.resolve("var/keys/backup-identity.txt").toString(), object.toString());
        assertThat(age.exit()).as("decryption with the right identity fails after the header erase").isNotZero();
        assertThat(age.out()).isEmpty();

        home.cli("recover");
        TestHome.Result r = home.cli("run", job.toString(), "--date", DATE);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(object).doesNotExist();
        assertThat(set(SET).status()).isEqualTo(SetStatus.VALID);
        var certs = new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(),
                EntryTypes.DESTRUCTION_CERTIFICATE);
        assertThat(certs).hasSize(1);
        assertThat(certs.getFirst().body().path("objects")).hasSize(1);
        assertThat(certs.getFirst().body().path("objects").get(0).path("object").asString()).isEqualTo(expired);
        assertThat(certs.getFirst().body().path("allVerified").asBoolean()).isTrue();
    }
}
