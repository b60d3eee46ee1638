package io.custodia.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.storage.Storage;
import io.custodia.support.MiniHdfs;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job against a company whose data lives on a real HDFS (MiniDFSCluster), configured the way
 * a user would: a catalog with hdfs:// locations, job files whose outputs are hdfs:// URIs. The
 * purge certificate must say that overwrite was impossible there.
 */
class HdfsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void inventoryBackupPurgeShareAndReconcileRunOnHdfs() throws Exception {
        String hdfs = MiniHdfs.uri().toString();
        FileSystem fs = Storage.fileSystem(MiniHdfs.uri());
        Path source = Path.of("sample-data/datasets").toAbsolutePath();
        try (var files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (var out = fs.create(new org.apache.hadoop.fs.Path(hdfs + "/company/datasets/" + source.relativize(f)), true)) {
                    Files.copy(f, out);
                }
            }
        }
        TestHome home = new TestHome(tmp);
        Files.createDirectories(tmp.resolve("company"));
        Files.createDirectories(tmp.resolve("jobs"));
        String catalog = Files.readString(Path.of("sample-data/catalog.yaml")).replace("location: datasets/", "location: " + hdfs + "/company/datasets/");
        assertThat(catalog).doesNotContain("location: datasets/");
        Files.writeString(tmp.resolve("company/catalog.yaml"), catalog);
        for (String job : List.of("inventory.yaml", "nightly-backup.yaml", "nightly-purge.yaml", "share-logistics-partner.yaml",
                "monthly-reconcile.yaml")) {
            String text = Files.readString(Path.of("jobs", job))
                    .replace("../sample-data/catalog.yaml", "../company/catalog.yaml")
                    .replace("destination: ../var/backups", "destination: " + hdfs + "/backups")
                    .replace("output: ../var/exports", "output: " + hdfs + "/exports");
            Files.writeString(tmp.resolve("jobs").resolve(job), text);
        }
        assertThat(Files.readString(tmp.resolve("jobs/nightly-backup.yaml"))).contains(hdfs + "/backups");
        assertThat(Files.readString(tmp.resolve("jobs/share-logistics-partner.yaml"))).contains(hdfs + "/exports");
        assertThat(home.cli("keys", "init").exitCode()).isZero();

        for (String job : List.of("inventory.yaml", "nightly-backup.yaml", "nightly-purge.yaml", "share-logistics-partner.yaml",
                "monthly-reconcile.yaml")) {
            TestHome.Result r = home.cli("run", tmp.resolve("jobs").resolve(job).toString(), "--date", "2026-11-25");
            assertThat(r.exitCode()).as(job + ": " + r.all()).isZero();
        }
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/backups"))).isNotEmpty();
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/exports"))).isNotEmpty();
        String purgeReport = Files.readString(home.files("report.json").stream().filter(p -> p.toString().contains("/purge/")).findFirst().orElseThrow());
        assertThat(purgeReport).contains("overwrite not possible on hdfs");
        assertThat(home.cli("evidence", "verify").exitCode()).isZero();
    }
}
