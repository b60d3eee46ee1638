package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.crypto.Hashes;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.crypto.KeyDirectory;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup job end to end on file://: every catalogued file becomes an age object that the real
 * age binary decrypts to the source bytes; the manifest is signed so that openssl verifies it; the
 * set is in the evidence ledger; a second night stores only what changed.
 */
class BackupJobTest {
    @TempDir
    Path tmp;
    TestHome home;
    Company company;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        company = new Company(tmp.resolve("data"), 120).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/nightly-backup.yaml"), """
                job: backup
                catalog: ../data/catalog.yaml
                backup:
                  destination: ../backups
                """);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    TestHome.Result backup(String date) {
        return home.cli("run", tmp.resolve("jobs/nightly-backup.yaml").toString(), "--date", date);
    }

    static List<Path> sourceFiles(Path data) throws Exception {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void everyFileBecomesAnAgeObjectThatTheAgeToolDecryptsAndTheManifestIsSignedForOpenssl() throws Exception {
        TestHome.Result r = backup("2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();

        Path dest = tmp.resolve("backups");
        Path set = dest.resolve("sets/2026-11-25-nightly-backup");
        Manifest m = JsonMapper.builder().build().readValue(set.resolve("manifest.json").toFile(), Manifest.class);
        List<Path> sources = sourceFiles(tmp.resolve("data"));
        assertThat(sources).hasSize(1 + 2 + 3 + 2);
        assertThat(m.files()).hasSize(sources.size());
        assertThat(m.files()).extracting(ManifestEntry::path).contains("catalog/catalog.yaml", "data/customers/part-0.parquet",
                "data/orders/part-2.parquet", "data/erasure_requests/erasure_requests.csv");

        Tools.require("age");
        Path identity = tmp.resolve("var/keys/backup-identity.txt");
        for (Path src : sources) {
            byte[] original = Files.readAllBytes(src);
            String sha = Hashes.sha256Hex(original);
            ManifestEntry e = m.files().stream().filter(x -> x.source().equals(src.toUri().toString())).findFirst().orElseThrow();
            assertThat(e.sha256()).isEqualTo(sha);
            assertThat(e.size()).isEqualTo(original.length);
            Path object = dest.resolve(BackupStore.objectName(sha));
            assertThat(e.object()).isEqualTo(BackupStore.objectName(sha));
            assertThat(Hashes.sha256Hex(Files.readAllBytes(object))).isEqualTo(e.ciphertextSha256());
            assertThat(Files.size(object)).isEqualTo(e.ciphertextSize());
            assertThat(Tools.ok("/usr/bin/age", "-d", "-i", identity.toString(), object.toString())).isEqualTo(original);
        }
        assertThat(m.files().stream().filter(ManifestEntry::isParquet).mapToLong(ManifestEntry::rows).sum())
                .isEqualTo(company.customers + company.totalOrders());

        Tools.require("openssl");
        Path pub = tmp.resolve("var/keys/signing.pub");
        Tools.Result ok = Tools.run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in",
                set.resolve("manifest.json").toString(), "-sigfile", set.resolve("manifest.json.sig").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();

        var ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        var verifier = new KeyDirectory(tmp.resolve("var/keys")).verifier();
        List<JsonNode> entries = ledger.entriesOfType(verifier, EntryTypes.BACKUP_SET).stream().map(x -> x.body()).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().path("manifestSha256").asString()).isEqualTo(Hashes.sha256Hex(Files.readAllBytes(set.resolve("manifest.json"))));
        assertThat(entries.getFirst().path("files").asInt()).isEqualTo(sources.size());
    }

    @Test
    void aSecondNightStoresOnlyWhatChangedAndLeavesTheOtherObjectsUntouched() throws Exception {
        assertThat(backup("2026-11-25").exitCode()).isZero();
        Path dest = tmp.resolve("backups");
        Map<Path, Object> before = fileKeys(dest.resolve("objects"));
        assertThat(before).hasSize(8);

        company.writeOrders(tmp.resolve("data").toUri().toString().replace("file:///", "file:/").replaceAll("/$", "") + "/", 1);
        // part-1 rewritten with the same rows: new mtime, same content (deduplicated); part-2 changed content: new object
        try (var w = io.custodia.parquet.RowFiles.create(new org.apache.hadoop.fs.Path(tmp.resolve("data/orders/part-2.parquet").toUri()),
                io.custodia.catalog.DataFormat.PARQUET, Company.ORDERS, io.custodia.storage.Storage.configuration())) {
            w.write(io.custodia.parquet.Row.of(Company.ORDERS, "O-new", "C000001", 1.0));
            w.commit();
        }
        TestHome.Result r = backup("2026-11-26");
        assertThat(r.exitCode()).as(r.all()).isZero();

        Map<Path, Object> after = fileKeys(dest.resolve("objects"));
        assertThat(after).hasSize(9);
        before.forEach((p, key) -> assertThat(after.get(p)).as("object %s untouched", p).isEqualTo(key));
        Manifest m2 = JsonMapper.builder().build().readValue(dest.resolve("sets/2026-11-26-nightly-backup/manifest.json").toFile(), Manifest.class);
        assertThat(m2.files().stream().filter(e -> e.stored().equals(ManifestEntry.NEW)).map(ManifestEntry::path).toList())
                .containsExactly("data/orders/part-2.parquet");
        JsonNode report = JsonMapper.builder().build().readTree(home.files("report.json").stream()
                .filter(p -> p.toString().contains("2026-11-26")).findFirst().orElseThrow().toFile());
        assertThat(report.path("facts").path("unchanged files referenced (not read: same size and modification time)").asInt()).isEqualTo(6);
        assertThat(report.path("facts").path("changed files whose content was already stored (deduplicated)").asInt()).isEqualTo(1);
        assertThat(report.path("facts").path("new objects (encrypted and stored)").asInt()).isEqualTo(1);
    }

    static Map<Path, Object> fileKeys(Path dir) throws Exception {
        Map<Path, Object> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.put(dir.relativize(p), a.fileKey() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return out;
    }
}
