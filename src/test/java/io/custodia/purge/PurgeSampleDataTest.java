package io.custodia.purge;

import static io.custodia.purge.PurgeTestSupport.json;
import static io.custodia.purge.PurgeTestSupport.read;
import static io.custodia.purge.PurgeTestSupport.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.Dataset;
import io.custodia.evidence.EntryTypes;
import io.custodia.parquet.Row;
import io.custodia.support.TestHome;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code custodia demo} on the committed sample company (10,000 customers) with the shipped
 * jobs/nightly-purge.yaml: the rows that survive on the demo copy, and the certificate's counts, are
 * exactly those {@link Expected} computes here from the data and registers; the registers hold what
 * sample-data/README.md says; the committed files are untouched.
 */
class PurgeSampleDataTest {
    static final LocalDate RUN = LocalDate.of(2026, 11, 25);

    @TempDir
    Path tmp;

    @Test
    void theDemoDestroysExactlyWhatTheSamplePolicyRequires() throws Exception {
        TestHome home = new TestHome(tmp);
        home.copyTree(Path.of("sample-data"), "sample-data");
        home.copyTree(Path.of("jobs"), "jobs");
        Catalog original = CatalogLoader.load(tmp.resolve("sample-data/catalog.yaml"));
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (String name : PurgeCompany.DATA) {
            rows.put(name, read(original.requireDataset(name)));
        }
        Set<String> approved = new HashSet<>();
        long approvedRequests = 0;
        for (Row r : read(original.requireDataset("erasure_requests"))) {
            Instant at = (Instant) r.get("requested_at");
            if ("approved".equalsIgnoreCase(r.getString("status")) && !LocalDate.ofInstant(at, ZoneOffset.UTC).isAfter(RUN)) {
                approved.add(r.getString("customer_id"));
                approvedRequests++;
            }
        }
        Set<String> held = new HashSet<>();
        for (Row r : read(original.requireDataset("legal_holds"))) {
            LocalDate from = (LocalDate) r.get("held_from");
            LocalDate until = (LocalDate) r.get("held_until");
            if ((from == null || !from.isAfter(RUN)) && (until == null || !until.isBefore(RUN))) {
                held.add(r.getString("customer_id"));
            }
        }
        // what sample-data/README.md promises
        assertThat(approvedRequests).isEqualTo(79);
        assertThat(held).hasSize(20);
        assertThat(held.stream().filter(approved::contains).count()).isEqualTo(8);

        Expected expected = new Expected(original, rows, approved, held, RUN, false);
        TestHome.Result demo = home.cli("demo", "--date", RUN.toString());
        assertThat(demo.exitCode()).as(demo.all()).isZero();

        Catalog demoCopy = CatalogLoader.load(tmp.resolve("var/demo/sample-data/catalog.yaml"));
        for (String name : PurgeCompany.DATA) {
            Dataset ds = demoCopy.requireDataset(name);
            assertThat(read(ds)).as(name).containsExactlyElementsOf(sorted(ds, expected.survivors.get(name)));
            assertThat(read(original.requireDataset(name))).as("the committed copy is untouched").hasSize(rows.get(name).size());
        }
        List<Path> certs = PurgeTestSupport.certificates(home);
        assertThat(certs).hasSize(1);
        JsonNode cert = json(certs.getFirst().resolve("certificate.json"));
        for (JsonNode d : cert.path("datasets")) {
            String name = d.path("dataset").asString();
            Expected.Tally t = expected.destroyed.get(name).get("retention");
            if (t == null) {
                assertThat(d.path("destroyed").path("retention").isMissingNode()).isTrue();
                continue;
            }
            JsonNode r = d.path("destroyed").path("retention");
            assertThat(r.path("rowsDestroyed").asLong()).as(name).isEqualTo(t.rowsDeleted);
            assertThat(r.path("rowsWithExpiredLevelsDestroyed").asLong()).as(name).isEqualTo(t.rowsRedacted);
            assertThat(r.path("subjects").asLong()).as(name).isEqualTo(t.subjects.size());
            long heldRows = 0;
            for (JsonNode h : d.path("keptUnderLegalHold")) {
                heldRows += h.path("rowsDeleted").asLong() + h.path("rowsRedacted").asLong();
            }
            long expectedHeld = expected.held.get(name).values().stream().mapToLong(x -> x.rowsDeleted + x.rowsRedacted).sum();
            assertThat(heldRows).as(name + " held").isEqualTo(expectedHeld);
            assertThat(d.path("awaitingApproval").path("rowsDeleted").asLong()).as(name + " awaiting")
                    .isEqualTo(expected.awaiting.get(name).rowsDeleted);
        }
        assertThat(expected.rowsDestroyed()).isPositive();
        assertThat(expected.rowsRedacted()).isPositive();
        assertThat(cert.path("subjects").path("count").asLong()).isEqualTo(expected.touched.size());
        assertThat(PurgeTestSupport.ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(1);
        assertThat(demo.out()).contains("== nightly-purge (purge)");
        PurgeTestSupport.assertNoPersonalValues(personal(rows, original), List.of(home.resolve("var/purge"), home.resolve("var/evidence"),
                home.resolve("reports")), demo.all());
    }

    private static Set<String> personal(Map<String, List<Row>> rows, Catalog catalog) {
        Set<String> out = new HashSet<>();
        rows.forEach((name, list) -> {
            Dataset ds = catalog.requireDataset(name);
            for (Row r : list) {
                for (var c : ds.columns()) {
                    Object v = r.get(c.name());
                    if (v instanceof String s && (s.length() >= 6 || !s.chars().allMatch(ch -> ch < 128)) && (c.has(io.custodia.catalog.Tag.DIRECT_IDENTIFIER)
                            || c.has(io.custodia.catalog.Tag.SENSITIVE))) {
                        out.add(s);
                    }
                }
            }
        });
        return out;
    }
}
