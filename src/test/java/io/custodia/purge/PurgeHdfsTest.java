package io.custodia.purge;

import static io.custodia.purge.PurgeTestSupport.json;
import static io.custodia.purge.PurgeTestSupport.read;
import static io.custodia.purge.PurgeTestSupport.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Dataset;
import io.custodia.storage.Storage;
import io.custodia.support.MiniHdfs;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The same purge with the datasets on a real HDFS (MiniDFSCluster): the surviving rows are exactly
 * the expected ones, nothing goes to the trash, no hidden file is left, and the certificate says
 * that overwrite was not possible on HDFS — it claims no pass, no verification, no NIST category.
 */
class PurgeHdfsTest {
    @TempDir
    Path tmp;

    @Test
    void purgesOnHdfsAndCertifiesThatOverwriteWasNotPossible() throws Exception {
        String root = MiniHdfs.path("/purge-" + System.nanoTime()).toString();
        TestHome home = new TestHome(tmp);
        PurgeCompany company = new PurgeCompany(tmp.resolve("sample-data"), root, 200, 31);
        Files.createDirectories(tmp.resolve("jobs"));
        Path job = tmp.resolve("jobs/purge-all.yaml");
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  auto-approve: [policy, erasure-requests]\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        Expected expected = new Expected(company, true);

        TestHome.Result r = home.cli("run", job.toString(), "--date", PurgeCompany.RUN.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();

        for (String name : PurgeCompany.DATA) {
            Dataset ds = company.catalog.requireDataset(name);
            assertThat(ds.location().getScheme()).isEqualTo("hdfs");
            assertThat(read(ds)).as(name).containsExactlyElementsOf(sorted(ds, expected.survivors.get(name)));
            assertThat(PurgeTestSupport.allFileNames(ds)).as(name).allMatch(n -> !n.startsWith("."));
        }
        FileSystem fs = Storage.fileSystem(MiniHdfs.uri());
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".Trash"))).as("nothing went to the trash").isFalse();

        List<Path> certs = PurgeTestSupport.certificates(home);
        assertThat(certs).hasSize(1);
        JsonNode cert = json(certs.getFirst().resolve("certificate.json"));
        assertThat(cert.path("files").size()).isPositive();
        for (JsonNode f : cert.path("files")) {
            assertThat(f.path("path").asString()).startsWith("hdfs://");
            assertThat(f.path("passes")).isEmpty();
            assertThat(f.path("verified").asBoolean()).isFalse();
            assertThat(f.path("method").asString()).contains("overwrite not possible on hdfs").contains("without trash");
            assertThat(f.path("sanitizationCategoryAchieved").asString()).startsWith("none: overwrite not possible on hdfs");
            assertThat(f.path("medium").path("overwritesInPlace").asBoolean()).isFalse();
            assertThat(f.path("sha256BeforeDestruction").asString()).hasSize(64);
        }
        assertThat(cert.path("nistSp80088").path("sanitizationCategoryAchieved").asString()).contains("overwrite not possible on hdfs");
        assertThat(cert.path("nistSp80088").path("verificationResult").asString()).startsWith("not every file could be overwritten");
        assertThat(cert.path("destructionRecord").path("quantity").asString()).contains(" 0 bytes overwritten in place");
        assertThat(cert.path("subjects").path("erasedOnRequest").asLong()).isEqualTo(expected.erased.size());
        assertThat(home.cli("evidence", "verify").out()).contains("ledger OK");
    }
}
