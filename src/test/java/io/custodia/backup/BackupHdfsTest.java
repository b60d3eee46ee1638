package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.catalog.DataFormat;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.ErasureRecord;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import io.custodia.support.MiniHdfs;
import io.custodia.support.TestHome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole cycle on a real HDFS (MiniDFSCluster): datasets on hdfs://, backup to hdfs://, the real
 * age binary decrypts an object fetched from HDFS, the drill passes, restore to hdfs:// leaves out
 * an erased customer, and retention on HDFS states honestly that it could only delete.
 */
class BackupHdfsTest {
    @TempDir
    Path tmp;

    @Test
    void backupDrillRestoreAndRetentionOnHdfs() throws Exception {
        String root = MiniHdfs.path("/backup-test-" + UUID.randomUUID()).toString();
        TestHome home = new TestHome(tmp);
        Company company = new Company(tmp.resolve("data"), 40).write(root + "/data");
        Files.createDirectories(tmp.resolve("jobs"));
        Path job = tmp.resolve("jobs/nightly-backup.yaml");
        Files.writeString(job, "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: " + root + "/backups\n"
                + "  retention:\n    keep: {daily: 1}\n    approval: SEC-HDFS\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", job.toString(), "--date", "2026-11-24");
        assertThat(r.exitCode()).as(r.all()).isZero();

        BackupStore store = BackupStore.open(URI.create(root + "/backups"));
        assertThat(store.isLocal()).isFalse();
        LoadedSet set = store.load("2026-11-24-nightly-backup", new KeyDirectory(tmp.resolve("var/keys")).verifier());
        assertThat(set.valid()).isTrue();
        assertThat(set.manifest().files()).hasSize(8);
        assertThat(set.manifest().files()).filteredOn(e -> e.dataset() != null).hasSize(7).allMatch(e -> e.source().startsWith("hdfs://"));

        Tools.require("age");
        ManifestEntry customers = set.manifest().files().stream().filter(e -> e.path().equals("data/customers/part-1.parquet")).findFirst().orElseThrow();
        FileSystem fs = Storage.fileSystem(URI.create(root));
        try (var in = fs.open(store.path(customers.object()))) {
            Files.copy(in, tmp.resolve("o.age"));
        }
        try (var in = fs.open(new org.apache.hadoop.fs.Path(customers.source()))) {
            Files.copy(in, tmp.resolve("src.parquet"));
        }
        assertThat(Tools.ok("/usr/bin/age", "-d", "-i", tmp.resolve("var/keys/backup-identity.txt").toString(), tmp.resolve("o.age").toString()))
                .isEqualTo(Files.readAllBytes(tmp.resolve("src.parquet")));

        Files.writeString(tmp.resolve("jobs/drill.yaml"), "job: verify\ncatalog: ../data/catalog.yaml\nverify:\n  destination: " + root + "/backups\n");
        TestHome.Result drill = home.cli("run", tmp.resolve("jobs/drill.yaml").toString(), "--date", "2026-11-24");
        assertThat(drill.exitCode()).as(drill.all()).isZero();

        KeyDirectory keys = new KeyDirectory(tmp.resolve("var/keys"));
        new EvidenceLedger(tmp.resolve("var/evidence")).append(EntryTypes.ERASURE_RECORD, new ErasureRecord(keys.subjectHasher().hash("C000002"),
                set.manifest().createdAt().plus(1, ChronoUnit.MINUTES), "erasure-request", "DC-x").toBody(), keys.signer());
        TestHome.Result restore = home.cli("restore", "latest", "--to", root + "/restored", "--job", job.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        List<String> ids = new ArrayList<>();
        for (String part : List.of("part-0.parquet", "part-1.parquet")) {
            try (RowReader rr = RowFiles.open(new org.apache.hadoop.fs.Path(root + "/restored/data/customers/" + part), DataFormat.PARQUET,
                    Company.CUSTOMERS, Storage.configuration())) {
                Row row;
                while ((row = rr.next()) != null) {
                    ids.add(row.getString("customer_id"));
                }
            }
        }
        assertThat(ids).hasSize(company.customers - 1).doesNotContain("C000002");

        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(root + "/data/orders/part-2.parquet"), DataFormat.PARQUET, Company.ORDERS,
                Storage.configuration())) {
            w.write(Row.of(Company.ORDERS, "O-x", "C000001", 3.0));
            w.commit();
        }
        String expired = set.manifest().files().stream().filter(e -> e.path().equals("data/orders/part-2.parquet")).findFirst().orElseThrow().object();
        TestHome.Result second = home.cli("run", job.toString(), "--date", "2026-11-25");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(fs.exists(store.path(expired))).isFalse();
        List<JsonNode> certs = new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(keys.verifier(), EntryTypes.DESTRUCTION_CERTIFICATE)
                .stream().map(e -> e.body()).toList();
        assertThat(certs).hasSize(1);
        JsonNode o = certs.getFirst().path("objects").get(0);
        assertThat(o.path("filesystem").asString()).isEqualTo("hdfs");
        assertThat(o.path("headerBytesOverwritten").asInt()).isZero();
        assertThat(o.path("deleted").asBoolean()).isTrue();
        assertThat(certs.getFirst().path("methods").toString()).contains("deleted only: hdfs cannot overwrite a file in place");
        assertThat(certs.getFirst().path("nist80088").path("sanitizationCategory").asString()).startsWith("none achieved");
    }
}
