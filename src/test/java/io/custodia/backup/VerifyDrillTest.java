package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.support.TestHome;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recovery drill on a real set: it passes on an intact set (every object decrypted, every
 * Parquet file read, rows counted), samples when asked, and fails naming each kind of damage:
 * a flipped byte, a truncated object, a missing object, an edited manifest, an unsigned manifest,
 * a wrong identity.
 */
class VerifyDrillTest {
    static final String SET = "2026-11-25-nightly-backup";
    @TempDir
    static Path template;
    static Company company;
    @TempDir
    Path tmp;
    TestHome home;

    @BeforeAll
    static void backupOnce() throws Exception {
        TestHome t = new TestHome(template);
        company = new Company(template.resolve("data"), 90).write(null);
        Files.createDirectories(template.resolve("jobs"));
        Files.writeString(template.resolve("jobs/nightly-backup.yaml"), "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n");
        assertThat(t.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = t.cli("run", template.resolve("jobs/nightly-backup.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @BeforeEach
    void copy() {
        home = new TestHome(tmp);
        for (String d : List.of("data", "backups", "var/keys", "var/evidence", "jobs")) {
            home.copyTree(template.resolve(d), d);
        }
    }

    TestHome.Result drill(String extra) throws Exception {
        Files.writeString(tmp.resolve("jobs/drill.yaml"), "job: verify\ncatalog: ../data/catalog.yaml\nverify:\n  destination: ../backups\n" + extra);
        return home.cli("run", tmp.resolve("jobs/drill.yaml").toString(), "--date", "2026-12-01");
    }

    Manifest manifest() throws Exception {
        return JsonMapper.builder().build().readValue(tmp.resolve("backups/sets/" + SET + "/manifest.json").toFile(), Manifest.class);
    }

    Path object(String logicalPath) throws Exception {
        ManifestEntry e = manifest().files().stream().filter(x -> x.path().equals(logicalPath)).findFirst().orElseThrow();
        return tmp.resolve("backups").resolve(e.object());
    }

    JsonNode report() throws Exception {
        return JsonMapper.builder().build().readTree(home.files("report.json").stream().filter(p -> p.toString().contains("verify"))
                .findFirst().orElseThrow().toFile());
    }

    @Test
    void anIntactSetPassesEveryObjectDecryptedAndEveryParquetRowRead() throws Exception {
        TestHome.Result r = drill("  set: latest\n");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode facts = report().path("facts");
        assertThat(facts.path("result").asString()).isEqualTo("passed");
        assertThat(facts.path("objects checked").asInt()).isEqualTo(8);
        assertThat(facts.path("objects failed").asInt()).isZero();
        assertThat(facts.path("Parquet files opened").asInt()).isEqualTo(5);
        assertThat(facts.path("Parquet rows read").asLong()).isEqualTo(company.customers + company.totalOrders());
        assertThat(facts.path("estimated full restore of this set at that rate").asString()).contains("bytes");
        var ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        var drills = ledger.entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(), BackupEntryTypes.DRILL);
        assertThat(drills).hasSize(1);
        assertThat(drills.getFirst().body().path("result").asString()).isEqualTo("passed");
        assertThat(tmp.resolve("var/tmp/drill-e" + 1)).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aTenPercentSampleChecksOneObjectInTen() throws Exception {
        TestHome.Result r = drill("  set: " + SET + "\n  sample: 10%\n");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode facts = report().path("facts");
        assertThat(facts.path("objects in set").asInt()).isEqualTo(8);
        assertThat(facts.path("objects checked").asInt()).isEqualTo(1);
        assertThat(facts.path("sample").asString()).startsWith("10%");
    }

    @Test
    void aFlippedByteInAnObjectIsNamed() throws Exception {
        Path o = object("data/orders/part-1.parquet");
        try (RandomAccessFile f = new RandomAccessFile(o.toFile(), "rw")) {
            long pos = f.length() / 2;
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x01);
        }
        TestHome.Result r = drill("");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("recovery drill FAILED").contains("object modified").contains(o.getFileName().toString());
        assertThat(report().path("facts").path("objects failed").asInt()).isEqualTo(1);
        assertThat(report().toString()).contains("PAYLOAD_AUTHENTICATION_FAILED");
    }

    @Test
    void aTruncatedObjectIsNamed() throws Exception {
        Path o = object("data/customers/part-0.parquet");
        try (RandomAccessFile f = new RandomAccessFile(o.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        TestHome.Result r = drill("");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("object truncated").contains(o.getFileName().toString());
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        Path o = object("catalog/catalog.yaml");
        Files.delete(o);
        TestHome.Result r = drill("");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("object missing").contains(o.getFileName().toString());
    }

    @Test
    void anEditedManifestIsNamed() throws Exception {
        Path m = tmp.resolve("backups/sets/" + SET + "/manifest.json");
        String text = Files.readString(m);
        Files.writeString(m, text.replaceFirst("\"rows\" : (\\d+)", "\"rows\" : 1$1"), StandardCharsets.UTF_8);
        assertThat(Files.readString(m)).isNotEqualTo(text);
        TestHome.Result r = drill("  set: " + SET + "\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("manifest edited").contains(SET);
    }

    @Test
    void anUnsignedManifestIsNamed() throws Exception {
        Files.delete(tmp.resolve("backups/sets/" + SET + "/" + BackupStore.SIGNATURE));
        TestHome.Result r = drill("  set: " + SET + "\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("manifest unsigned").contains(SET);
    }

    @Test
    void aWrongIdentityIsNamed() throws Exception {
        AgeIdentity other = AgeIdentity.generate();
        other.writeFile(tmp.resolve("other-identity.txt"));
        TestHome.Result r = drill("  identity: ../other-identity.txt\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("wrong identity").contains(other.recipient().fingerprint());
        assertThat(report().path("facts").path("objects failed").asInt()).isEqualTo(8);
    }
}
