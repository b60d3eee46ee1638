package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.age.AgeHeader;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.support.TestHome;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * keys rotate-backup re-wraps every object's header to a new key: afterwards the old identity no
 * longer decrypts (checked with the real age binary), the new one does, byte-identical; the
 * payload bytes are untouched; the drill and restore accept the rotated objects against the
 * unchanged signed manifests; the next backup to the new key references the rotated objects
 * instead of encrypting again; a second rotation finds nothing left to do.
 */
class KeyRotationTest {
    @TempDir
    Path tmp;

    static byte[] payload(Path object) throws Exception {
        byte[] all = Files.readAllBytes(object);
        int header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(object))) {
            header = AgeHeader.read(in).length();
        }
        return Arrays.copyOfRange(all, header, all.length);
    }

    @Test
    void rotationRewrapsHeadersOnlyAndTheOldKeyNoLongerDecrypts() throws Exception {
        Tools.require("age");
        TestHome home = new TestHome(tmp);
        new Company(tmp.resolve("data"), 40).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        Path job = tmp.resolve("jobs/nightly-backup.yaml");
        Files.writeString(job, "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        assertThat(home.cli("run", job.toString(), "--date", "2026-11-25").exitCode()).isZero();
        Manifest m = JsonMapper.builder().build().readValue(tmp.resolve("backups/sets/2026-11-25-nightly-backup/manifest.json").toFile(), Manifest.class);
        Path oldIdentity = tmp.resolve("var/keys/backup-identity.txt");
        Map<String, byte[]> payloads = new HashMap<>();
        for (ManifestEntry e : m.files()) {
            payloads.put(e.object(), payload(tmp.resolve("backups").resolve(e.object())));
        }
        byte[] manifestBefore = Files.readAllBytes(tmp.resolve("backups/sets/2026-11-25-nightly-backup/manifest.json"));

        AgeIdentity fresh = AgeIdentity.generate();
        Path newIdentity = tmp.resolve("new-identity.txt");
        fresh.writeFile(newIdentity);
        TestHome.Result r = home.cli("keys", "rotate-backup", "--from", oldIdentity.toString(), "--to", fresh.recipient().toString(),
                "--job", job.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("re-wrapped " + m.files().size() + " objects");

        for (ManifestEntry e : m.files()) {
            Path object = tmp.resolve("backups").resolve(e.object());
            byte[] source = Files.readAllBytes(Path.of(java.net.URI.create(e.source())));
            assertThat(payload(object)).as("payload of %s untouched", e.path()).isEqualTo(payloads.get(e.object()));
            Tools.Result withOld = Tools.run("/usr/bin/age", "-d", "-i", oldIdentity.toString(), object.toString());
            assertThat(withOld.exit()).as("old identity must fail on %s", e.path()).isNotZero();
            assertThat(withOld.err()).contains("no identity matched");
            assertThat(Tools.ok("/usr/bin/age", "-d", "-i", newIdentity.toString(), object.toString())).isEqualTo(source);
        }
        assertThat(Files.readAllBytes(tmp.resolve("backups/sets/2026-11-25-nightly-backup/manifest.json"))).isEqualTo(manifestBefore);
        try (var s = Files.list(tmp.resolve("backups/rotations"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".json.sig"));
        }
        var ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        var verifier = new KeyDirectory(tmp.resolve("var/keys")).verifier();
        List<JsonNode> events = ledger.entriesOfType(verifier, EntryTypes.KEY_EVENT).stream().map(x -> x.body()).toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().path("objectsRotated").asInt()).isEqualTo(m.files().size());
        assertThat(events.getFirst().path("from").asString()).isEqualTo(AgeIdentity.readFile(oldIdentity).recipient().fingerprint());

        // the drill and restore accept the rotated objects with the new identity, against the unchanged manifest
        Files.writeString(tmp.resolve("jobs/drill.yaml"), "job: verify\ncatalog: ../data/catalog.yaml\nverify:\n  destination: ../backups\n"
                + "  identity: ../new-identity.txt\n");
        TestHome.Result drill = home.cli("run", tmp.resolve("jobs/drill.yaml").toString(), "--date", "2026-11-26");
        assertThat(drill.exitCode()).as(drill.all()).isZero();
        TestHome.Result restore = home.cli("restore", "latest", "--to", tmp.resolve("restored").toString(), "--job", job.toString(),
                "--identity", newIdentity.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(tmp.resolve("restored/data/orders/part-1.parquet")).hasSameBinaryContentAs(tmp.resolve("data/orders/part-1.parquet"));

        // the next backup, now to the new key, references the rotated objects: nothing is encrypted again
        Files.writeString(job, "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n  recipients: ["
                + fresh.recipient() + "]\n");
        Map<Path, Object> before = BackupJobTest.fileKeys(tmp.resolve("backups/objects"));
        TestHome.Result next = home.cli("run", job.toString(), "--date", "2026-11-27");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(BackupJobTest.fileKeys(tmp.resolve("backups/objects"))).isEqualTo(before);
        Manifest m3 = JsonMapper.builder().build().readValue(tmp.resolve("backups/sets/2026-11-27-nightly-backup/manifest.json").toFile(), Manifest.class);
        assertThat(m3.files()).allSatisfy(e -> {
            assertThat(e.stored()).isEqualTo(ManifestEntry.REUSED);
            assertThat(e.recipients()).containsExactly(fresh.recipient().fingerprint());
        });

        TestHome.Result again = home.cli("keys", "rotate-backup", "--from", oldIdentity.toString(), "--to", fresh.recipient().toString(),
                "--job", job.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("re-wrapped 0 objects").contains(m.files().size() + " objects were not encrypted to the old key");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }
}
