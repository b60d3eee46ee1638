package io.custodia.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.crypto.Ed25519Keys;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.pseudo.ChineseResidentIdFpe;
import io.custodia.crypto.pseudo.DerivedKeyId;
import io.custodia.crypto.pseudo.HmacPseudonymizer;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.crypto.pseudo.KeyPurpose;
import io.custodia.crypto.pseudo.MasterKey;
import io.custodia.crypto.pseudo.MobileNumberFpe;
import io.custodia.evidence.CrossBorderTransfer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.LedgerEntry;
import io.custodia.share.ShareTestCompany.Customer;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The share job end to end through the CLI on a company built here. Every expectation — which
 * customers pass the filter and the consent check, which equivalence classes are too small, what
 * each token must be — is computed in the test from the generated data and an independent use of
 * the crypto primitives, and the output is read with parquet-hadoop's own reader.
 */
class ShareJobTest {
    static final String MASTER = "5f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    static final String DATE = "2026-11-25";
    static final LocalDate RUN = ShareTestCompany.RUN_DATE;
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String DOMESTIC = """
            job: share
            catalog: ../data/catalog.yaml
            share:
              name: logistics
              recipient: {name: "Swift Parcel (Shenzhen) Co., Ltd.", id: swift-parcel, country: CN}
              purpose: delivery planning
              approval: SR-TEST-1
              source: {dataset: customers, where: {country: CN}}
              date-shift: {max-days: 30}
              columns:
                - {column: customer_id, as: customer_token, transform: pseudonym}
                - {column: mobile, transform: fpe, format: mobile, keep-carrier-prefix: true}
                - {column: resident_id, transform: fpe, format: resident-id}
                - {column: email, transform: mask, pattern: email}
                - {column: gender, transform: keep}
                - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 10}
                - {column: province, transform: keep}
                - {column: city, transform: keep}
                - {column: postal_code, as: postal_district, transform: generalize, to: prefix, length: 3}
                - {column: address, as: address_city, transform: generalize, to: city}
                - {column: registered_at, transform: date-shift}
                - {column: marketing_opt_in, transform: keep}
              privacy:
                quasi-identifiers: [gender, age_band, province, city, postal_district]
                k: 5
                max-suppression: 5%
            """;
    static final List<String> DOMESTIC_COLUMNS = List.of("customer_token", "mobile", "resident_id", "email", "gender", "age_band", "province",
            "city", "postal_district", "address_city", "registered_at", "marketing_opt_in");

    static final String FOREIGN = """
            job: share
            catalog: ../data/catalog.yaml
            share:
              name: analytics-abroad
              recipient: {name: Atlas Analytics Inc., id: atlas-analytics, country: US}
              purpose: marketing analytics
              approval: SR-TEST-2
              legal-entity: "Harbourline Trading (Shanghai) Co., Ltd."
              cross-border:
                legal-basis: standard-contract
                basis-reference: SCC-SH-2026-0072
                pia-reference: PIA-2025-011
                consent-reference: SC-TEXT-XB-v3
              source:
                dataset: customers
                where: {marketing_opt_in: true}
                consent: {dataset: consents, purpose: cross-border}
              columns:
                - {column: customer_id, as: customer_token, transform: pseudonym, category: customer pseudonym}
                - {column: resident_id, transform: fpe, format: resident-id, keep-region-code: true}
                - {column: gender, transform: keep}
                - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 20, top: 60, category: age band}
                - {column: nationality, transform: generalize, to: categories, keep: [CN], other: other}
                - {column: registered_at, as: registered_year, transform: generalize, to: year}
                - {column: passport_no, transform: suppress}
              privacy:
                quasi-identifiers: [gender, age_band, nationality]
                k: 5
                max-suppression: 10%
                l-diversity: {attribute: registered_year, l: 2}
            """;

    @TempDir
    Path tmp;
    TestHome home;
    ShareTestCompany company;
    KeyDerivation keys;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        company = new ShareTestCompany(tmp, 2_000, 11);
        Files.createDirectories(tmp.resolve("jobs"));
        Files.createDirectories(tmp.resolve("var/keys"));
        Path master = tmp.resolve("var/keys/master.key");
        Files.writeString(master, MASTER + "\n");
        Files.setPosixFilePermissions(master, PosixFilePermissions.fromString("rw-------"));
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        keys = new KeyDerivation(MasterKey.readFile(master));
        Files.writeString(tmp.resolve("jobs/share-logistics.yaml"), DOMESTIC);
        Files.writeString(tmp.resolve("jobs/share-analytics-abroad.yaml"), FOREIGN);
    }

    // ---------------------------------------------------------------- expectations, computed here

    static String ageBand(LocalDate birth, int width, Integer top) {
        int age = Period.between(birth, RUN).getYears();
        if (top != null && age >= top) {
            return top + "+";
        }
        int lo = age / width * width;
        return lo + "-" + (lo + width - 1);
    }

    /** The customers that must be published: candidates minus classes with fewer than k members. */
    static List<Customer> kAnonymous(List<Customer> candidates, Function<Customer, List<Object>> qi, int k) {
        Map<List<Object>, Long> sizes = candidates.stream().collect(Collectors.groupingBy(qi, Collectors.counting()));
        return candidates.stream().filter(c -> sizes.get(qi.apply(c)) >= k).toList();
    }

    HmacPseudonymizer tokens(String recipient, String purpose) {
        return HmacPseudonymizer.create(keys.derive(new DerivedKeyId(KeyPurpose.PSEUDONYM, recipient, purpose, "customer_id", 1)));
    }

    Path export(String share, String date) {
        return tmp.resolve("var/exports").resolve(share).resolve(date);
    }

    EvidenceLedger ledger() {
        return new EvidenceLedger(tmp.resolve("var/evidence"));
    }

    List<LedgerEntry> entries(String type) {
        return ledger().entriesOfType(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub")), type);
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void domesticExportLeavesOnlyTheAllowListTransformedAndKAnonymous() throws Exception {
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", DATE);
        assertThat(r.exitCode()).as(r.all()).isZero();

        // the export: exactly the files, published whole (no hidden in-progress directory left)
        Path dir = export("logistics", DATE);
        assertThat(names(tmp.resolve("var/exports/logistics"))).containsExactly(DATE);
        assertThat(names(dir)).containsExactly("manifest.json", "manifest.json.sig", "part-00000.parquet", "part-00001.parquet");
        for (Path f : ExportReader.parquetFiles(dir)) {
            assertThat(ExportReader.schema(f).getFields()).extracting(t -> t.getName()).containsExactlyElementsOf(DOMESTIC_COLUMNS);
        }
        List<Map<String, String>> rows = ExportReader.rows(dir);

        // which customers leave: country CN, then classes of fewer than 5 suppressed (computed here)
        List<Customer> candidates = company.customers.stream().filter(c -> c.country().equals("CN")).toList();
        Function<Customer, List<Object>> qi = c -> List.of(c.gender(), ageBand(c.birth(), 10, null), c.province(), c.city(),
                c.postal().substring(0, 3));
        List<Customer> published = kAnonymous(candidates, qi, 5);
        assertThat(candidates.size() - published.size()).as("some suppression happens, within 5%")
                .isPositive().isLessThanOrEqualTo(candidates.size() * 5 / 100);
        HmacPseudonymizer swift = tokens("swift-parcel", "delivery planning");
        Map<String, Customer> byToken = new HashMap<>();
        published.forEach(c -> byToken.put(swift.token(c.id()), c));
        assertThat(rows).hasSize(published.size());
        assertThat(rows.stream().map(x -> x.get("customer_token")).collect(Collectors.toSet())).isEqualTo(byToken.keySet());

        // k-anonymity of the output itself: group by the quasi-identifier columns of the file
        Map<List<String>, Long> classes = rows.stream().collect(Collectors.groupingBy(
                x -> Stream.of("gender", "age_band", "province", "city", "postal_district").map(x::get).toList(), Collectors.counting()));
        assertThat(classes.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThanOrEqualTo(5);

        // each value is the transform of its own customer's value, and never the raw value
        var mobileFpe = MobileNumberFpe.create(keys.derive(new DerivedKeyId(KeyPurpose.FPE, "swift-parcel", "delivery planning", "mobile", 1)),
                MobileNumberFpe.Parameters.KEEP_CARRIER_PREFIX);
        var idFpe = ChineseResidentIdFpe.create(keys.derive(new DerivedKeyId(KeyPurpose.FPE, "swift-parcel", "delivery planning", "resident_id", 1)),
                ChineseResidentIdFpe.Parameters.ENCRYPT_ALL);
        Set<Long> shifts = new HashSet<>();
        for (Map<String, String> x : rows) {
            Customer c = byToken.get(x.get("customer_token"));
            assertThat(x.get("mobile")).isNotEqualTo(c.mobile()).startsWith(c.mobile().substring(0, 3));
            assertThat(mobileFpe.decrypt(x.get("mobile"), new byte[0])).isEqualTo(c.mobile());
            if (c.residentId() == null) {
                assertThat(x.get("resident_id")).isNull();
            } else {
                assertThat(x.get("resident_id")).isNotEqualTo(c.residentId()).hasSize(18);
                assertThat(ChineseResidentIdFpe.isValid(x.get("resident_id"))).as("check character recomputed").isTrue();
                assertThat(idFpe.decrypt(x.get("resident_id"), new byte[0])).isEqualTo(c.residentId());
            }
            assertThat(x.get("email")).isEqualTo(c.email().charAt(0) + "***@example.com");
            assertThat(x.get("gender")).isEqualTo(c.gender());
            assertThat(x.get("age_band")).isEqualTo(ageBand(c.birth(), 10, null));
            assertThat(x.get("province")).isEqualTo(c.province());
            assertThat(x.get("city")).isEqualTo(c.city());
            assertThat(x.get("postal_district")).isEqualTo(c.postal().substring(0, 3));
            assertThat(x.get("address_city")).isEqualTo(c.city());
            long shift = Duration.between(c.registered(), Instant.parse(x.get("registered_at"))).toDays();
            assertThat(Duration.between(c.registered(), Instant.parse(x.get("registered_at")))).isEqualTo(Duration.ofDays(shift));
            assertThat(shift).isBetween(-30L, 30L).isNotZero();
            shifts.add(shift);
            assertThat(x.get("marketing_opt_in")).isEqualTo(String.valueOf(c.optIn()));
        }
        assertThat(shifts.size()).as("shifts vary between customers").isGreaterThan(40);

        // no value of a column off the allow-list appears anywhere in the output
        Set<String> cells = rows.stream().flatMap(x -> x.values().stream()).filter(v -> v != null).collect(Collectors.toSet());
        for (Function<Customer, Object> offList : List.<Function<Customer, Object>>of(Customer::name, Customer::nationality, Customer::passport,
                Customer::country, Customer::address, Customer::lastActive, Customer::closed)) {
            Set<String> raw = company.customers.stream().map(offList).filter(v -> v != null).map(String::valueOf).collect(Collectors.toSet());
            assertThat(raw).isNotEmpty().doesNotContainAnyElementsOf(cells);
        }
        // and no raw value of a transformed column appears in its output column
        assertNoRawValues(rows, "customer_token", Customer::id);
        assertNoRawValues(rows, "mobile", Customer::mobile);
        assertNoRawValues(rows, "resident_id", Customer::residentId);
        assertNoRawValues(rows, "email", Customer::email);
        assertNoRawValues(rows, "age_band", Customer::birth);
        assertNoRawValues(rows, "postal_district", Customer::postal);
        assertNoRawValues(rows, "address_city", Customer::address);
        assertNoRawValues(rows, "registered_at", Customer::registered);

        // the signed manifest describes exactly this output
        byte[] manifestBytes = Files.readAllBytes(dir.resolve("manifest.json"));
        byte[] sig = Files.readAllBytes(dir.resolve("manifest.json.sig"));
        assertThat(Ed25519Keys.verifier(tmp.resolve("var/keys/signing.pub")).verify(manifestBytes, sig)).isTrue();
        verifyWithOpenssl(dir);
        JsonNode manifest = JSON.readTree(manifestBytes);
        assertThat(manifest.path("rows").asLong()).isEqualTo(rows.size());
        assertThat(manifest.path("individuals").asLong()).isEqualTo(rows.size());
        assertThat(manifest.path("recipient").path("id").asString()).isEqualTo("swift-parcel");
        assertThat(manifest.path("approvalReference").asString()).isEqualTo("SR-TEST-1");
        assertThat(manifest.path("policy").path("sha256").asString())
                .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(tmp.resolve("jobs/share-logistics.yaml")))));
        assertThat(manifest.path("privacy").path("suppressedRecords").asLong()).isEqualTo(candidates.size() - published.size());
        assertThat(manifest.path("privacy").path("published").path("smallestClass").asLong())
                .isEqualTo(classes.values().stream().mapToLong(Long::longValue).min().orElseThrow());
        assertThat(manifest.path("privacy").path("published").path("classes").asLong()).isEqualTo(classes.size());
        assertThat(manifest.path("keys").valueStream().map(k -> k.path("column").asString() + ":" + k.path("purpose").asString()
                + ":" + k.path("keyVersion").asInt()).toList())
                .containsExactly("customer_token:pseudonym:1", "mobile:fpe:1", "resident_id:fpe:1", "registered_at:date-shift:1");
        for (JsonNode f : manifest.path("files")) {
            Path file = dir.resolve(f.path("name").asString());
            assertThat(f.path("sha256").asString()).isEqualTo(HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }

        // the share register holds the export; a domestic recipient gives no cross-border entry
        List<LedgerEntry> exports = entries(EntryTypes.SHARE_EXPORT);
        assertThat(exports).hasSize(1);
        assertThat(exports.getFirst().body().path("records").asLong()).isEqualTo(rows.size());
        assertThat(exports.getFirst().body().path("recipientCountry").asString()).isEqualTo("CN");
        assertThat(exports.getFirst().body().path("manifestSha256").asString())
                .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(manifestBytes)));
        assertThat(entries(EntryTypes.CROSS_BORDER_TRANSFER)).isEmpty();
        assertThat(home.cli("evidence", "verify").exitCode()).isZero();

        // no raw personal value in the report, the ledger or the manifest; the work directory is gone
        List<Path> evidence = new ArrayList<>(home.files("report.*"));
        evidence.add(tmp.resolve("var/evidence/ledger.jsonl"));
        evidence.add(dir.resolve("manifest.json"));
        assertThat(home.files("report.json")).hasSize(1);
        assertThat(JSON.readTree(home.files("report.json").getFirst().toFile()).path("status").asString()).isEqualTo("COMPLETED");
        for (Path p : evidence) {
            String text = Files.readString(p);
            for (Customer c : company.customers.subList(0, 300)) {
                assertThat(text).doesNotContain(c.id()).doesNotContain(c.mobile()).doesNotContain(c.email()).doesNotContain(c.name());
                if (c.residentId() != null) {
                    assertThat(text).doesNotContain(c.residentId());
                }
            }
        }
        assertThat(tmp.resolve("var/state/share/logistics/" + DATE)).doesNotExist();

        // tokens and shifts are stable across runs: the next day's export gives each customer the same ones
        TestHome.Result next = home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", "2026-11-26");
        assertThat(next.exitCode()).as(next.all()).isZero();
        Map<String, Map<String, String>> day1 = rows.stream().collect(Collectors.toMap(x -> x.get("customer_token"), x -> x));
        int compared = 0;
        for (Map<String, String> x : ExportReader.rows(export("logistics", "2026-11-26"))) {
            Map<String, String> before = day1.get(x.get("customer_token"));
            if (before != null) {
                compared++;
                assertThat(x.get("mobile")).isEqualTo(before.get("mobile"));
                assertThat(x.get("registered_at")).isEqualTo(before.get("registered_at"));
            }
        }
        assertThat(compared).isGreaterThan(rows.size() * 9 / 10);

        // the same date again is not exported twice
        TestHome.Result again = home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", DATE);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already completed");
        assertThat(entries(EntryTypes.SHARE_EXPORT)).hasSize(2);
    }

    private void assertNoRawValues(List<Map<String, String>> rows, String column, Function<Customer, Object> source) {
        Set<String> out = rows.stream().map(x -> x.get(column)).filter(v -> v != null).collect(Collectors.toSet());
        Set<String> raw = company.customers.stream().map(source).filter(v -> v != null).map(String::valueOf).collect(Collectors.toSet());
        assertThat(out).as(column).isNotEmpty().doesNotContainAnyElementsOf(raw);
    }

    private void verifyWithOpenssl(Path dir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", tmp.resolve("var/keys/signing.pub").toString(),
                    "-rawin", "-in", dir.resolve("manifest.json").toString(), "-sigfile", dir.resolve("manifest.json.sig").toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            System.out.println("openssl not installed: manifest signature checked with the JDK only");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("Signature Verified Successfully");
    }

    @Test
    void foreignExportHonoursConsentAndIsRecordedAsACrossBorderTransfer() throws Exception {
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-analytics-abroad.yaml").toString(), "--date", DATE);
        assertThat(r.exitCode()).as(r.all()).isZero();
        List<Map<String, String>> rows = ExportReader.rows(export("analytics-abroad", DATE));

        // marketing opt-in and an active cross-border consent on the run date, then k=5 and l=2 on the registration year
        List<Customer> candidates = company.customers.stream().filter(Customer::optIn).filter(c -> company.consented(c, "cross-border")).toList();
        assertThat(candidates.size()).isLessThan(company.customers.stream().filter(Customer::optIn).toList().size());
        Function<Customer, List<Object>> qi = c -> List.of(c.gender(), ageBand(c.birth(), 20, 60), c.nationality().equals("CN") ? "CN" : "other");
        Map<List<Object>, List<Customer>> groups = candidates.stream().collect(Collectors.groupingBy(qi));
        Predicate<List<Customer>> keep = g -> g.size() >= 5
                && g.stream().map(c -> c.registered().atZone(java.time.ZoneOffset.UTC).getYear()).distinct().count() >= 2;
        List<Customer> published = groups.values().stream().filter(keep).flatMap(List::stream).toList();
        HmacPseudonymizer atlas = tokens("atlas-analytics", "marketing analytics");
        assertThat(rows.stream().map(x -> x.get("customer_token")).collect(Collectors.toSet()))
                .isEqualTo(published.stream().map(c -> atlas.token(c.id())).collect(Collectors.toSet()));

        // the same customers' tokens for the domestic recipient are different: the two exports cannot be joined
        HmacPseudonymizer swift = tokens("swift-parcel", "delivery planning");
        Set<String> swiftTokens = published.stream().map(c -> swift.token(c.id())).collect(Collectors.toSet());
        assertThat(rows.stream().map(x -> x.get("customer_token"))).doesNotContainAnyElementsOf(swiftTokens);

        // output k-anonymity and l-diversity by group-by over the file
        Map<List<String>, List<Map<String, String>>> classes = rows.stream()
                .collect(Collectors.groupingBy(x -> List.of(x.get("gender"), x.get("age_band"), x.get("nationality"))));
        for (var g : classes.values()) {
            assertThat(g.size()).isGreaterThanOrEqualTo(5);
            assertThat(g.stream().map(x -> x.get("registered_year")).distinct().count()).isGreaterThanOrEqualTo(2);
        }
        assertThat(rows).allSatisfy(x -> assertThat(x.get("passport_no")).isNull());

        // the cross-border ledger entry, read back through the record reconcile uses
        List<LedgerEntry> transfers = entries(EntryTypes.CROSS_BORDER_TRANSFER);
        assertThat(transfers).hasSize(1);
        CrossBorderTransfer t = CrossBorderTransfer.fromBody(transfers.getFirst().body());
        assertThat(t.transferId()).isEqualTo("analytics-abroad/" + DATE);
        assertThat(t.legalEntity()).isEqualTo("Harbourline Trading (Shanghai) Co., Ltd.");
        assertThat(t.recipient()).isEqualTo("Atlas Analytics Inc.");
        assertThat(t.recipientCountry()).isEqualTo("US");
        assertThat(t.purpose()).isEqualTo("marketing analytics");
        assertThat(t.dataCategories()).containsExactly("customer pseudonym", "resident id (encrypted)", "gender", "age band", "nationality",
                "registered at");
        assertThat(t.sensitive()).as("encrypted resident IDs are still sensitive personal information").isTrue();
        assertThat(t.records()).isEqualTo(published.size());
        assertThat(t.individuals()).isEqualTo(published.size());
        assertThat(t.channel()).isEqualTo("share-export");
        assertThat(t.object()).endsWith("var/exports/analytics-abroad/" + DATE);
        assertThat(t.legalBasis()).isEqualTo("standard-contract");
        assertThat(t.basisReference()).isEqualTo("SCC-SH-2026-0072");
        assertThat(t.approvalReference()).isEqualTo("SR-TEST-2");
        assertThat(Duration.between(t.time(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(10));
        JsonNode export = entries(EntryTypes.SHARE_EXPORT).getFirst().body();
        assertThat(export.path("piaReference").asString()).isEqualTo("PIA-2025-011");
        assertThat(export.path("consentReference").asString()).isEqualTo("SC-TEXT-XB-v3");
        assertThat(export.path("crossBorder").asBoolean()).isTrue();
    }

    @Test
    void ordersExportCountsDistinctIndividualsAcrossFilesAndFlagsSensitiveData() throws Exception {
        Files.writeString(tmp.resolve("jobs/share-payments.yaml"), """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: payments
                  recipient: {name: Nordlicht Payments GmbH, id: nordlicht, country: DE}
                  purpose: payment processing
                  approval: SR-TEST-4
                  cross-border: {legal-basis: certification, basis-reference: PIC-2026-0015, pia-reference: PIA-2025-003}
                  source: {dataset: orders}
                  columns:
                    - {column: order_id, transform: keep}
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: amount, as: amount_band, transform: generalize, to: bucket, width: 500}
                    - {column: card_number, transform: fpe, format: bank-card, keep-bin: true, category: bank card number (encrypted)}
                    - {column: shipping_country, transform: keep}
                    - {column: shipping_address, transform: suppress}
                  privacy:
                    quasi-identifiers: [amount_band, shipping_country]
                    k: 3
                    max-suppression: 5%
                """);
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-payments.yaml").toString(), "--date", DATE);
        assertThat(r.exitCode()).as(r.all()).isZero();
        List<Map<String, String>> rows = ExportReader.rows(export("payments", DATE));

        Function<ShareTestCompany.Order, List<Object>> qi = o -> {
            double lo = Math.floor(o.amount() / 500) * 500;
            return List.of(lo, o.shippingCountry());
        };
        Map<List<Object>, Long> sizes = company.orders.stream().collect(Collectors.groupingBy(qi, Collectors.counting()));
        List<ShareTestCompany.Order> published = company.orders.stream().filter(o -> sizes.get(qi.apply(o)) >= 3).toList();
        long individuals = published.stream().map(ShareTestCompany.Order::customer).distinct().count();
        assertThat(individuals).isLessThan(published.size());
        assertThat(rows.stream().map(x -> x.get("order_id")).collect(Collectors.toSet()))
                .isEqualTo(published.stream().map(ShareTestCompany.Order::id).collect(Collectors.toSet()));
        Map<String, ShareTestCompany.Order> byId = company.orders.stream().collect(Collectors.toMap(ShareTestCompany.Order::id, o -> o));
        for (Map<String, String> x : rows) {
            ShareTestCompany.Order o = byId.get(x.get("order_id"));
            assertThat(x.get("card_number")).startsWith("622202").hasSize(16).isNotEqualTo(o.card());
            assertThat(io.custodia.crypto.pseudo.BankCardFpe.luhnValid(x.get("card_number"))).isTrue();
            assertThat(x.get("shipping_address")).isNull();
        }
        CrossBorderTransfer t = CrossBorderTransfer.fromBody(entries(EntryTypes.CROSS_BORDER_TRANSFER).getFirst().body());
        assertThat(t.records()).isEqualTo(published.size());
        assertThat(t.individuals()).as("distinct customers over both files").isEqualTo(individuals);
        assertThat(t.sensitive()).isTrue();
        assertThat(t.dataCategories()).contains("bank card number (encrypted)").doesNotContain("shipping address");
        assertThat(JSON.readTree(export("payments", DATE).resolve("manifest.json").toFile()).path("individuals").asLong()).isEqualTo(individuals);
    }

    @Test
    void reidentifyTurnsExportedValuesBackForTheKeyHolderAndLogsIt() throws Exception {
        assertThat(home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", DATE).exitCode()).isZero();
        List<Map<String, String>> rows = ExportReader.rows(export("logistics", DATE));
        HmacPseudonymizer swift = tokens("swift-parcel", "delivery planning");
        Map<String, Customer> byToken = company.customers.stream().collect(Collectors.toMap(c -> swift.token(c.id()), c -> c));
        List<Map<String, String>> sample = rows.stream().filter(x -> x.get("resident_id") != null).limit(4).toList();

        String job = tmp.resolve("jobs/share-logistics.yaml").toString();
        TestHome.Result mobiles = home.cli("reidentify", job, "mobile", sample.get(0).get("mobile"), sample.get(1).get("mobile"),
                "--reason", "courier cannot reach the customer, ticket OPS-1");
        assertThat(mobiles.exitCode()).as(mobiles.all()).isZero();
        assertThat(mobiles.out().lines().toList()).containsExactly(
                sample.get(0).get("mobile") + "\t" + byToken.get(sample.get(0).get("customer_token")).mobile(),
                sample.get(1).get("mobile") + "\t" + byToken.get(sample.get(1).get("customer_token")).mobile());

        TestHome.Result ids = home.cli("reidentify", job, "resident_id", sample.get(2).get("resident_id"), "--reason", "fraud case F-7");
        assertThat(ids.out().strip()).isEqualTo(sample.get(2).get("resident_id") + "\t" + byToken.get(sample.get(2).get("customer_token")).residentId());

        TestHome.Result token = home.cli("reidentify", job, "customer_token", sample.get(3).get("customer_token"), "--reason", "complaint C-9");
        assertThat(token.out().strip()).isEqualTo(sample.get(3).get("customer_token") + "\t" + byToken.get(sample.get(3).get("customer_token")).id());

        TestHome.Result bad = home.cli("reidentify", job, "mobile", "12345", "--reason", "typo");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("0 of 1");
        TestHome.Result masked = home.cli("reidentify", job, "email", "u***@example.com", "--reason", "x");
        assertThat(masked.exitCode()).isEqualTo(1);
        assertThat(masked.err()).contains("cannot be reversed");
        assertThat(home.cli("reidentify", job, "mobile", "13800000000").exitCode()).isEqualTo(2);

        // each request is evidence: counts and keyed hashes, never a value
        List<LedgerEntry> logged = entries(EntryTypes.REIDENTIFICATION);
        assertThat(logged).hasSize(4);
        JsonNode first = logged.getFirst().body();
        var hasher = new KeyDirectory(tmp.resolve("var/keys")).subjectHasher();
        assertThat(first.path("requested").asInt()).isEqualTo(2);
        assertThat(first.path("reidentified").asInt()).isEqualTo(2);
        assertThat(first.path("column").asString()).isEqualTo("mobile");
        assertThat(first.path("reason").asString()).isEqualTo("courier cannot reach the customer, ticket OPS-1");
        assertThat(first.path("valueHashes").valueStream().map(JsonNode::asString).toList())
                .containsExactly(hasher.hash(sample.get(0).get("mobile")), hasher.hash(sample.get(1).get("mobile")));
        assertThat(first.path("originalHashes").valueStream().map(JsonNode::asString).toList())
                .containsExactly(hasher.hash(byToken.get(sample.get(0).get("customer_token")).mobile()),
                        hasher.hash(byToken.get(sample.get(1).get("customer_token")).mobile()));
        assertThat(logged.get(3).body().path("reidentified").asInt()).isZero();
        String ledgerText = Files.readString(tmp.resolve("var/evidence/ledger.jsonl"));
        for (Map<String, String> x : sample) {
            Customer c = byToken.get(x.get("customer_token"));
            assertThat(ledgerText).doesNotContain(x.get("mobile")).doesNotContain(c.mobile()).doesNotContain(c.residentId())
                    .doesNotContain(c.id()).doesNotContain(x.get("customer_token"));
        }
    }

    @Test
    void exportThatCannotMeetKFailsClosedAndPublishesNothing() throws Exception {
        Files.writeString(tmp.resolve("jobs/share-too-fine.yaml"), """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: too-fine
                  recipient: {name: Swift Parcel, id: swift-parcel, country: CN}
                  purpose: delivery planning
                  approval: SR-TEST-3
                  source: {dataset: customers}
                  columns:
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: gender, transform: keep}
                    - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 5}
                    - {column: province, transform: keep}
                    - {column: city, transform: keep}
                  privacy:
                    quasi-identifiers: [gender, age_band, province, city]
                    k: 5
                    max-suppression: 1%
                """);
        Function<Customer, List<Object>> qi = c -> List.of(c.gender(), ageBand(c.birth(), 5, null), c.province(), c.city());
        long mustSuppress = company.customers.size() - kAnonymous(company.customers, qi, 5).size();
        assertThat(mustSuppress).as("the data needs more than 1% suppressed").isGreaterThan(company.customers.size() / 100);

        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-too-fine.yaml").toString(), "--date", DATE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().findFirst().orElseThrow()).contains("share too-fine refused, nothing published")
                .contains(String.format("needs %,d of %,d records", mustSuppress, company.customers.size())).contains("above the limit of 20");
        assertThat(r.out()).contains("report:");
        assertThat(tmp.resolve("var/exports/too-fine")).doesNotExist();
        assertThat(tmp.resolve("var/state/share/too-fine/" + DATE)).doesNotExist();
        assertThat(entries(EntryTypes.SHARE_EXPORT)).isEmpty();
        JsonNode report = JSON.readTree(home.files("report.json").getFirst().toFile());
        assertThat(report.path("status").asString()).isEqualTo("REFUSED");
        assertThat(report.path("facts").path("rows passing the filter").asLong()).isEqualTo(company.customers.size());
        assertThat(report.path("facts").path("suppressed records (k-anonymity)").asLong()).isEqualTo(mustSuppress);

        // the operator widens the limit and runs the same date again: the failed run resumes under the new policy
        Files.writeString(tmp.resolve("jobs/share-too-fine.yaml"),
                Files.readString(tmp.resolve("jobs/share-too-fine.yaml")).replace("max-suppression: 1%", "max-suppression: 20%"));
        TestHome.Result again = home.cli("run", tmp.resolve("jobs/share-too-fine.yaml").toString(), "--date", DATE);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(ExportReader.rows(export("too-fine", DATE))).hasSize((int) (company.customers.size() - mustSuppress));
        assertThat(entries(EntryTypes.SHARE_EXPORT)).hasSize(1);

        // quasi-identifiers so fine that counting stops early, bounding memory: refused the same way
        Files.writeString(tmp.resolve("jobs/share-too-precise.yaml"), """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: too-precise
                  recipient: {name: Swift Parcel, id: swift-parcel, country: CN}
                  purpose: delivery planning
                  approval: SR-TEST-3
                  source: {dataset: customers}
                  columns:
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: birth_date, transform: keep}
                    - {column: postal_code, transform: keep}
                  privacy:
                    quasi-identifiers: [birth_date, postal_code]
                    k: 5
                    max-suppression: 5%
                """);
        TestHome.Result precise = home.cli("run", tmp.resolve("jobs/share-too-precise.yaml").toString(), "--date", DATE);
        assertThat(precise.exitCode()).isEqualTo(1);
        assertThat(precise.err().lines().findFirst().orElseThrow()).contains("share too-precise refused, nothing published")
                .contains("more than 501 equivalence classes in one source file");
        assertThat(tmp.resolve("var/exports/too-precise")).doesNotExist();
        assertThat(tmp.resolve("var/state/share/too-precise/" + DATE)).doesNotExist();
        assertThat(entries(EntryTypes.SHARE_EXPORT)).hasSize(1);

        // a dry run of a good policy decides and reports, and writes nothing
        TestHome.Result dry = home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", DATE, "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(tmp.resolve("var/exports/logistics")).doesNotExist();
        assertThat(entries(EntryTypes.SHARE_EXPORT)).hasSize(1);
        assertThat(home.files("report.json").stream().map(p -> JSON.readTree(p.toFile()).path("status").asString()).toList())
                .containsExactlyInAnyOrder("REFUSED", "COMPLETED", "REFUSED", "DRY-RUN");

        // a bad policy is refused by validate with file:line:column, before anything runs
        Files.writeString(tmp.resolve("jobs/share-bad.yaml"), DOMESTIC.replace("  approval: SR-TEST-1\n", ""));
        TestHome.Result v = home.cli("validate", tmp.resolve("jobs/share-bad.yaml").toString());
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.err()).contains(tmp.resolve("jobs/share-bad.yaml") + ":4:3: share: missing required key 'approval'");
    }
}
