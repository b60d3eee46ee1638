package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Dataset;
import io.custodia.crypto.Hashes;
import io.custodia.evidence.EntryTypes;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What purge refuses, destroying nothing: changed inputs, stale approvals, unknown plans, bad job files and catalogs. */
class PurgeRefusalTest {
    @TempDir
    Path tmp;
    TestHome home;
    PurgeCompany company;
    Path job;

    @BeforeEach
    void company() throws Exception {
        PurgeTestSupport.Setup setup = PurgeTestSupport.setUp(tmp, 80, 3, "purge", "");
        home = setup.home();
        company = setup.company();
        job = setup.job();
    }

    @Test
    void anApprovedPlanWhoseInputsChangedIsNotExecuted() throws Exception {
        String date = PurgeCompany.RUN.toString();
        TestHome.Result planned = home.cli("purge", "plan", job.toString(), "--date", date);
        assertThat(planned.exitCode()).as(planned.all()).isZero();
        String id = planned.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(home.cli("purge", "approve", id, "--by", "auditor-1").exitCode()).isZero();

        // someone changes one order after the approval
        Dataset orders = company.catalog.requireDataset("orders");
        Path part = tmp.resolve("sample-data/datasets/orders/part-1.parquet");
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(part.toUri()), orders.format(), RowSchema.ofColumns(orders.columns()),
                Storage.configuration())) {
            for (int i = 1; i < company.rows.get("orders").size(); i += 2) {
                w.write(company.rows.get("orders").get(i));
            }
            w.write(company.rows.get("orders").getFirst().copy());
            w.commit();
        }
        Map<String, String> before = hashes();

        TestHome.Result refused = home.cli("purge", "execute", id);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("inputs changed").contains("orders/part-1.parquet").contains("nothing was destroyed");
        assertThat(hashes()).isEqualTo(before);
        assertThat(PurgeTestSupport.certificates(home)).isEmpty();
        assertThat(PurgeTestSupport.ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isZero();

        // the stale plan cannot be approved either; the unknown one is named
        TestHome.Result newPlan = home.cli("purge", "plan", job.toString(), "--date", date);
        String id2 = newPlan.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(id2).isNotEqualTo(id);
        TestHome.Result stale = home.cli("purge", "approve", id, "--by", "auditor-2");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("out of date").contains("orders/part-1.parquet");
        TestHome.Result unknown = home.cli("purge", "approve", "2026-11-25-000000000000", "--by", "auditor-2");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no plan 2026-11-25-000000000000").contains(id2);
        assertThat(hashes()).isEqualTo(before);
    }

    @Test
    void aDamagedDataFileStopsThePlanNamingItAndNothingIsDestroyed() throws Exception {
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  auto-approve: [policy, erasure-requests]\n");
        // the footer stays readable (schema checks pass); the first page header does not
        Path part = tmp.resolve("sample-data/datasets/orders/part-1.parquet");
        byte[] bytes = Files.readAllBytes(part);
        java.util.Arrays.fill(bytes, 4, 40, (byte) 0xFF);
        Files.write(part, bytes);
        Map<String, String> before = hashes();

        TestHome.Result r = home.cli("run", job.toString(), "--date", PurgeCompany.RUN.toString(), "--custodia.threads=3");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("orders/part-1.parquet: corrupt data");
        assertThat(hashes()).isEqualTo(before);
        assertThat(PurgeTestSupport.certificates(home)).isEmpty();
    }

    @Test
    void withoutAutoApprovalTheNightlyOnlyPlans() throws Exception {
        Map<String, String> before = hashes();
        TestHome.Result r = home.cli("run", job.toString(), "--date", PurgeCompany.RUN.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(hashes()).isEqualTo(before);
        assertThat(PurgeTestSupport.certificates(home)).isEmpty();
        var report = PurgeTestSupport.json(home.files("report.json").getFirst());
        assertThat(report.path("facts").path("executed").asString()).isEqualTo("nothing (no reason approved)");
        assertThat(report.path("notes").toString()).contains("custodia purge approve ");
    }

    @Test
    void badJobFilesAndCatalogsAreRejectedWithTheirPosition() throws Exception {
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  auto-approve: [policy, everything]\n");
        TestHome.Result bad = home.cli("validate", job.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(job + ":4:").contains("unknown value 'everything'");

        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  approve: policy\n");
        assertThat(home.cli("validate", job.toString()).err()).contains(job + ":4:").contains("unknown key 'approve'");

        Path catalog = tmp.resolve("sample-data/catalog.yaml");
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\n");
        Files.writeString(catalog, Files.readString(catalog).replace(
                "{name: status,       type: string,    level: general}", "{name: state,        type: string,    level: general}"));
        TestHome.Result noStatus = home.cli("run", job.toString(), "--date", PurgeCompany.RUN.toString());
        assertThat(noStatus.exitCode()).isEqualTo(2);
        assertThat(noStatus.err()).contains(catalog.toString()).contains("erasure_requests").contains("needs a column 'status'");

        Files.writeString(catalog, Files.readString(catalog).replace("{name: state,        type: string,    level: general}",
                "{name: status,       type: string,    level: general}").replace(
                "{name: name,              type: string,    level: important, tags: [direct-identifier]}",
                "{name: name,              type: string,    level: important, tags: [direct-identifier], required: true}"));
        TestHome.Result required = home.cli("validate", job.toString());
        assertThat(required.exitCode()).isEqualTo(2);
        assertThat(required.err()).contains("column 'name' is required").contains("can expire while the row is kept");
    }

    private Map<String, String> hashes() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp.resolve("sample-data"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p.toString(), Hashes.sha256Hex(Files.readAllBytes(p)));
            }
        }
        return out;
    }
}
