package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.Manifest;
import io.custodia.catalog.DataFormat;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.ErasureRecord;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restore brings a set back byte for byte, except that customers erased after the set was taken
 * — by a purge (erasure.record in the ledger) or an approved request in the live erasure-requests
 * dataset — are not resurrected; a legal hold keeps a requested customer; erasures older than the
 * set, pending requests and requests older than the set change nothing. The report holds keyed
 * hashes only.
 */
class RestoreTest {
    @TempDir
    Path tmp;
    TestHome home;
    Company company;
    Manifest set;
    SubjectHasher hasher;

    @BeforeEach
    void backup() throws Exception {
        home = new TestHome(tmp);
        company = new Company(tmp.resolve("data"), 60).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/nightly-backup.yaml"), "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n  destination: ../backups\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/nightly-backup.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        set = JsonMapper.builder().build().readValue(tmp.resolve("backups/sets/2026-11-25-nightly-backup/manifest.json").toFile(), Manifest.class);
        hasher = new KeyDirectory(tmp.resolve("var/keys")).subjectHasher();
    }

    void erasureRecord(String customer, Instant at) {
        KeyDirectory keys = new KeyDirectory(tmp.resolve("var/keys"));
        new EvidenceLedger(tmp.resolve("var/evidence")).append(EntryTypes.ERASURE_RECORD,
                new ErasureRecord(hasher.hash(customer), at, "erasure-request", "DC-test-1").toBody(), keys.signer());
    }

    static List<Row> rows(Path dir, RowSchema schema) throws Exception {
        List<Row> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".parquet")).sorted().toList()) {
                try (RowReader r = RowFiles.open(new org.apache.hadoop.fs.Path(p.toUri()), DataFormat.PARQUET, schema, Storage.configuration())) {
                    Row row;
                    while ((row = r.next()) != null) {
                        out.add(row);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void customersErasedAfterTheSetAreNotResurrectedAndEverythingElseComesBackByteForByte() throws Exception {
        Instant taken = set.createdAt();
        Instant after = taken.plus(1, ChronoUnit.HOURS);
        erasureRecord("C000003", after);                          // purged after the set: removed
        erasureRecord("C000010", after);                          // purged after the set: removed
        erasureRecord("C000020", taken.minus(1, ChronoUnit.DAYS)); // erased before the set: the set should not hold it; reported, kept
        Company.writeCsv(tmp.resolve("data/erasure_requests.csv").toUri().toString(), """
                request_id,customer_id,requested_at,channel,status
                R1,C000004,%1$s,app,approved
                R2,C000005,%1$s,app,pending
                R3,C000006,2020-01-01T00:00:00Z,app,approved
                R4,C000007,%1$s,email,approved
                """.formatted(after));
        Company.writeCsv(tmp.resolve("data/legal_holds.csv").toUri().toString(), """
                hold_id,customer_id,reason,reference,held_from,held_until
                H1,C000007,litigation,(2026)test,2026-01-01,
                H2,C000008,litigation,(2026)test,2020-01-01,2020-12-31
                """);

        TestHome.Result r = home.cli("restore", "latest", "--to", tmp.resolve("restored").toString(), "--job",
                tmp.resolve("jobs/nightly-backup.yaml").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        Set<String> removed = Set.of("C000003", "C000010", "C000004");
        assertThat(r.out()).contains("left out " + (removed.size() + ordersOf(removed)) + " rows of 3 customers");

        Path restored = tmp.resolve("restored");
        List<Row> customers = rows(restored.resolve("data/customers"), Company.CUSTOMERS);
        Set<String> ids = new HashSet<>();
        customers.forEach(row -> ids.add(row.getString("customer_id")));
        Set<String> expected = new HashSet<>(company.customerIds);
        expected.removeAll(removed);
        assertThat(ids).isEqualTo(expected);
        assertThat(customers).hasSize(company.customers - removed.size());
        List<Row> orders = rows(restored.resolve("data/orders"), Company.ORDERS);
        assertThat(orders).hasSize(company.totalOrders() - ordersOf(removed));
        assertThat(orders).noneMatch(o -> removed.contains(o.getString("customer_id")));
        // full rows of the survivors come back unchanged
        assertThat(new HashSet<>(customers)).isEqualTo(new HashSet<>(rows(tmp.resolve("data/customers"), Company.CUSTOMERS).stream()
                .filter(row -> !removed.contains(row.getString("customer_id"))).toList()));
        // files that are not subject data come back byte for byte, as they were when the set was taken
        assertThat(restored.resolve("catalog/catalog.yaml")).hasSameBinaryContentAs(tmp.resolve("data/catalog.yaml"));
        assertThat(Files.readString(restored.resolve("data/erasure_requests/erasure_requests.csv"))).isEqualTo(
                "request_id,customer_id,requested_at,channel,status\n");
        assertThat(Files.readString(restored.resolve("data/legal_holds/legal_holds.csv"))).isEqualTo(
                "hold_id,customer_id,reason,reference,held_from,held_until\n");

        Path reportJson = home.files("report.json").stream().filter(p -> p.toString().contains("restore")).findFirst().orElseThrow();
        JsonNode report = JsonMapper.builder().build().readTree(reportJson.toFile());
        JsonNode facts = report.path("facts");
        assertThat(facts.path("subjects erased after the set (not restored)").asInt()).isEqualTo(3);
        assertThat(facts.path("rows removed (their data)").asLong()).isEqualTo(removed.size() + ordersOf(removed));
        assertThat(facts.path("subjects with an approved request kept for an active legal hold").asInt()).isEqualTo(1);
        assertThat(facts.path("rows of subjects erased before the set that the set still holds (restored; investigate)").asLong())
                .isEqualTo(1 + company.ordersOf(19));
        Set<String> hashes = new HashSet<>();
        report.path("tables").get(1).path("rows").forEach(row -> hashes.add(row.get(0).asString()));
        assertThat(hashes).containsExactlyInAnyOrder(hasher.hash("C000003"), hasher.hash("C000010"), hasher.hash("C000004"));
        for (Path f : List.of(reportJson, reportJson.resolveSibling("report.html"), tmp.resolve("var/evidence/ledger.jsonl"))) {
            assertThat(Files.readString(f)).as("no raw customer id in %s", f).doesNotContain("C0000");
        }
        var entries = new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(),
                BackupEntryTypes.RESTORE);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().body().path("rowsRemoved").asLong()).isEqualTo(removed.size() + ordersOf(removed));

        TestHome.Result again = home.cli("restore", "latest", "--to", restored.toString(), "--job", tmp.resolve("jobs/nightly-backup.yaml").toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty");
    }

    int ordersOf(Set<String> customers) {
        return customers.stream().mapToInt(c -> company.ordersOf(Integer.parseInt(c.substring(1)) - 1)).sum();
    }

    @Test
    void aDamagedObjectIsNotRestoredAndTheRestoreSaysWhichOneWhileTheOthersAreRestored() throws Exception {
        var entry = set.files().stream().filter(e -> e.path().equals("data/orders/part-0.parquet")).findFirst().orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("backups").resolve(entry.object()).toFile(), "rw")) {
            f.seek(f.length() - 20);
            int b = f.read();
            f.seek(f.length() - 20);
            f.write(b ^ 0x80);
        }
        TestHome.Result r = home.cli("restore", "2026-11-25-nightly-backup", "--to", tmp.resolve("restored").toString(), "--from",
                tmp.resolve("backups").toString(), "--catalog", tmp.resolve("data/catalog.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("1 file(s) could not be restored").contains(entry.object()).contains("PAYLOAD_AUTHENTICATION_FAILED");
        assertThat(tmp.resolve("restored/data/orders/part-0.parquet")).doesNotExist();
        assertThat(tmp.resolve("restored/data/orders/part-1.parquet")).exists();
        try (var s = Files.walk(tmp.resolve("restored"))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith(".")).toList()).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void restoreWithTheWrongIdentityRestoresNothing() throws Exception {
        io.custodia.crypto.age.AgeIdentity.generate().writeFile(tmp.resolve("other.txt"));
        TestHome.Result r = home.cli("restore", "latest", "--to", tmp.resolve("restored").toString(), "--job",
                tmp.resolve("jobs/nightly-backup.yaml").toString(), "--identity", tmp.resolve("other.txt").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("could not be restored").contains("NO_MATCHING_IDENTITY");
        try (var s = Files.walk(tmp.resolve("restored"))) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
