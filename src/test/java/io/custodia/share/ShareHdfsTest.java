package io.custodia.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.crypto.Ed25519Keys;
import io.custodia.evidence.CrossBorderTransfer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.storage.Storage;
import io.custodia.support.MiniHdfs;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A share whose recipient location is on HDFS: published by a namenode rename, with the same manifest and ledger entries. */
class ShareHdfsTest {
    @TempDir
    Path tmp;

    @Test
    void exportsToHdfsAtomically() throws Exception {
        TestHome home = new TestHome(tmp);
        ShareTestCompany company = new ShareTestCompany(tmp, 400, 5);
        Files.createDirectories(tmp.resolve("jobs"));
        String out = MiniHdfs.path("/partners/" + tmp.getFileName()).toString();
        Files.writeString(tmp.resolve("jobs/share-hdfs.yaml"), """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: to-hdfs
                  recipient: {name: Pacific Parcel Logistics Pte. Ltd., id: pacific-parcel, country: SG}
                  purpose: cross-border delivery
                  approval: SR-TEST-5
                  cross-border: {legal-basis: exemption, basis-reference: TERMS-OF-SALE-v5, pia-reference: PIA-2025-007}
                  source: {dataset: customers}
                  output: %s
                  columns:
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: gender, transform: keep}
                  privacy:
                    quasi-identifiers: [gender]
                    k: 5
                """.formatted(out));
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-hdfs.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();

        FileSystem fs = Storage.fileSystem(MiniHdfs.uri());
        org.apache.hadoop.fs.Path shareDir = new org.apache.hadoop.fs.Path(out + "/to-hdfs");
        assertThat(Arrays.stream(fs.listStatus(shareDir)).map(s -> s.getPath().getName())).containsExactly("2026-11-25");
        FileStatus[] files = fs.listStatus(new org.apache.hadoop.fs.Path(shareDir, "2026-11-25"));
        assertThat(Arrays.stream(files).map(s -> s.getPath().getName()).sorted())
                .containsExactly("manifest.json", "manifest.json.sig", "part-00000.parquet", "part-00001.parquet");
        Path local = tmp.resolve("copy");
        Files.createDirectories(local);
        for (FileStatus f : files) {
            try (var in = fs.open(f.getPath())) {
                Files.copy(in, local.resolve(f.getPath().getName()));
            }
        }
        assertThat(ExportReader.rows(local)).hasSize(company.customers.size());
        assertThat(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub"))
                .verify(Files.readAllBytes(local.resolve("manifest.json")), Files.readAllBytes(local.resolve("manifest.json.sig")))).isTrue();

        var transfers = new EvidenceLedger(tmp.resolve("var/evidence"))
                .entriesOfType(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub")), EntryTypes.CROSS_BORDER_TRANSFER);
        CrossBorderTransfer t = CrossBorderTransfer.fromBody(transfers.getFirst().body());
        assertThat(t.object()).startsWith("hdfs://").endsWith("/to-hdfs/2026-11-25");
        assertThat(t.legalBasis()).isEqualTo("exemption");
        assertThat(t.recipientCountry()).isEqualTo("SG");
        assertThat(t.records()).isEqualTo(company.customers.size());
    }
}
