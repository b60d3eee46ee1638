package io.custodia.sampledata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {
    private static final long N = 2_000;
    private static final long SEED = 20261125;
    private static final int ROWS_PER_FILE = 700;
    private static final Pattern CN_MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)|\\+\\d[\\d -]{6,}\\d");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    @TempDir
    static Path shared;

    static SampleDataGenerator.Summary summary;
    static Catalog catalog;

    @BeforeAll
    static void generateOnce() {
        summary = new SampleDataGenerator(new SampleDataGenerator.Options(N, SEED, shared).withRowsPerFile(ROWS_PER_FILE)).generate();
        catalog = CatalogLoader.load(shared.resolve("catalog.yaml"));
    }

    // ------------------------------------------------------------------ helpers

    static List<Row> read(String dataset) {
        Dataset d = catalog.requireDataset(dataset);
        RowSchema schema = RowSchema.ofColumns(d.columns());
        List<Row> rows = new ArrayList<>();
        for (FileStatus f : Storage.dataFiles(d.location(), d.format())) {
            try (RowReader r = RowFiles.open(f.getPath(), d.format(), schema, Storage.configuration())) {
                Row row;
                while ((row = r.next()) != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static Map<String, Row> customersById() {
        Map<String, Row> m = new HashMap<>();
        for (Row r : read("customers")) {
            assertNull(m.put(r.getString("customer_id"), r), "duplicate customer_id");
        }
        return m;
    }

    static char idCheck(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int s = 0;
        for (int i = 0; i < 17; i++) {
            s += Character.digit(first17.charAt(i), 10) * w[i];
        }
        return "10X98765432".charAt(s % 11);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static Map<String, byte[]> tree(Path root) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void sameOptionsGiveByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws Exception {
        new SampleDataGenerator(new SampleDataGenerator.Options(N, SEED, a)).generate();
        new SampleDataGenerator(new SampleDataGenerator.Options(N, SEED, b)).generate();
        Map<String, byte[]> ta = tree(a);
        Map<String, byte[]> tb = tree(b);
        assertEquals(ta.keySet(), tb.keySet());
        assertTrue(ta.keySet().stream().anyMatch(k -> k.endsWith(".parquet")));
        assertTrue(ta.keySet().stream().anyMatch(k -> k.endsWith(".jsonl")));
        for (String k : ta.keySet()) {
            assertArrayEquals(ta.get(k), tb.get(k), k + " differs between two runs with the same options");
        }

        new SampleDataGenerator(new SampleDataGenerator.Options(N, SEED + 1, c)).generate();
        Map<String, byte[]> tc = tree(c);
        for (String k : List.of("datasets/customers/part-00000.parquet", "datasets/orders/part-00000.parquet",
                "datasets/egress/egress-2026-03.jsonl", "datasets/erasure_requests.csv")) {
            assertFalse(java.util.Arrays.equals(ta.get(k), tc.get(k)), k + " is the same under another seed");
        }
        assertArrayEquals(ta.get("catalog.yaml"), tc.get("catalog.yaml"));
    }

    @Test
    void rerunIntoTheSameDirectoryLeavesNoStaleParts(@TempDir Path dir) throws Exception {
        new SampleDataGenerator(new SampleDataGenerator.Options(1_500, SEED, dir).withRowsPerFile(500)).generate();
        assertEquals(3, countFiles(dir.resolve("datasets/customers")));
        SampleDataGenerator.Summary s = new SampleDataGenerator(new SampleDataGenerator.Options(400, SEED, dir).withRowsPerFile(500)).generate();
        assertEquals(1, countFiles(dir.resolve("datasets/customers")));
        assertEquals((long) s.files().get("orders"), countFiles(dir.resolve("datasets/orders")));
    }

    private static long countFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    // ------------------------------------------------------------------ catalog and schemas

    @Test
    void committedCatalogEqualsTheResourceAndTheGeneratedCopy() throws Exception {
        byte[] resource = SampleDataGenerator.catalogBytes();
        assertArrayEquals(resource, Files.readAllBytes(Path.of("sample-data", "catalog.yaml")),
                "sample-data/catalog.yaml must equal src/main/resources/io/custodia/sampledata/catalog.yaml");
        assertArrayEquals(resource, Files.readAllBytes(shared.resolve("catalog.yaml")));
    }

    @Test
    void everyFileOfEveryDatasetReadsBackWithTheCatalogSchema() {
        assertEquals(catalog.datasets().stream().map(Dataset::name).toList(), List.copyOf(summary.rows().keySet()));
        int dataFiles = 0;
        for (Dataset d : catalog.datasets()) {
            List<FileStatus> files = Storage.dataFiles(d.location(), d.format());
            assertFalse(files.isEmpty(), d.name() + " has no files");
            assertEquals(summary.files().get(d.name()), files.size(), d.name());
            dataFiles += files.size();
            if (d.format() == DataFormat.PARQUET) {
                for (FileStatus f : files) {
                    List<String> fileColumns = ParquetRowReader.footer(f.getPath(), Storage.configuration())
                            .getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
                    assertEquals(d.columnNames(), fileColumns, f.getPath().toString());
                    long rows = ParquetRowReader.rowCount(f.getPath(), Storage.configuration());
                    assertTrue(rows > 0 && rows <= ROWS_PER_FILE, f.getPath() + " holds " + rows + " rows");
                }
            }
            assertEquals(summary.rows().get(d.name()), (long) read(d.name()).size(), d.name());
        }
        assertEquals(dataFiles + 2, summary.filesWritten());
        assertTrue(summary.files().get("events") > 1 && summary.files().get("orders") > 1, "several part files per dataset");
    }

    // ------------------------------------------------------------------ customers

    @Test
    void customersHaveValidIdentifiersAndExactlyTheRequestedCount() {
        List<Row> customers = read("customers");
        assertEquals(N, customers.size());
        assertEquals(N, customersById().size());
        int cn = 0;
        int closed = 0;
        LocalDate asOf = SampleDataGenerator.DEFAULT_AS_OF;
        for (Row r : customers) {
            String nationality = r.getString("nationality");
            LocalDate birth = (LocalDate) r.get("birth_date");
            Instant registered = (Instant) r.get("registered_at");
            Instant lastActive = (Instant) r.get("last_active_at");
            Instant closedAt = (Instant) r.get("account_closed_at");
            assertNotNull(birth);
            assertTrue(birth.plusYears(18).isBefore(LocalDate.ofInstant(registered, ZoneOffset.UTC).plusDays(1)), "adult at registration");
            assertFalse(lastActive.isBefore(registered));
            assertTrue(lastActive.isBefore(asOf.atStartOfDay(ZoneOffset.UTC).toInstant()));
            if (closedAt != null) {
                closed++;
                assertFalse(lastActive.isAfter(closedAt));
                assertTrue(closedAt.isAfter(registered));
            }
            assertTrue(r.getString("email").matches("[a-z0-9._]+@[a-z0-9.]+\\.[a-z]+"), "e-mail shape");
            if (nationality.equals("CN")) {
                cn++;
                String id = r.getString("resident_id");
                assertEquals(18, id.length());
                assertTrue(id.substring(0, 17).chars().allMatch(Character::isDigit));
                assertEquals(idCheck(id.substring(0, 17)), id.charAt(17), "check character");
                assertEquals(birth.format(DateTimeFormatter.BASIC_ISO_DATE), id.substring(6, 14), "birth date digits");
                int sequenceDigit = id.charAt(16) - '0';
                assertEquals(r.getString("gender").equals("M"), sequenceDigit % 2 == 1, "gender parity");
                assertNull(r.getString("passport_no"));
                assertTrue(CN_MOBILE.matcher(r.getString("mobile")).matches(), "CN mobile format");
                assertEquals("CN", r.getString("country"));
                assertTrue(r.getString("name").codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
                assertTrue(r.getString("postal_code").matches("\\d{6}"));
                assertTrue(r.getString("address").startsWith(r.getString("province")));
            } else {
                assertTrue(Set.of("US", "GB", "DE", "JP", "KR", "SG", "AU", "FR", "CA", "MY").contains(nationality), nationality);
                assertNull(r.getString("resident_id"));
                assertNotNull(r.getString("passport_no"));
                assertTrue(r.getString("name").matches("[\\p{IsLatin} .'-]+"), "Latin name");
                if (r.getString("country").equals("CN")) {
                    assertTrue(CN_MOBILE.matcher(r.getString("mobile")).matches(), "a foreigner living in China has a CN mobile");
                } else {
                    assertTrue(r.getString("mobile").startsWith("+"));
                }
            }
        }
        assertTrue(cn > N * 0.80 && cn < N * 0.90, "about 85 % Chinese nationals, got " + cn);
        assertTrue(closed > N * 0.08 && closed < N * 0.16, "about 12 % closed, got " + closed);
    }

    @Test
    void ordersCarryLuhnValidCardsAndEveryDependentRowHasItsCustomer() {
        Set<String> ids = customersById().keySet();
        List<Row> orders = read("orders");
        assertFalse(orders.isEmpty());
        Set<String> orderIds = new HashSet<>();
        for (Row o : orders) {
            assertTrue(orderIds.add(o.getString("order_id")));
            String card = o.getString("card_number");
            assertTrue(card.matches("\\d{16}"), "16 digits");
            assertTrue(luhn(card), "Luhn");
            assertTrue(card.startsWith("62") || card.startsWith("4") || card.startsWith("5"), "BIN");
            assertTrue(Set.of("CNY", "USD", "EUR", "JPY").contains(o.getString("currency")));
            assertTrue((Double) o.get("amount") > 0);
        }
        for (String ds : List.of("orders", "events", "consents", "enquiries", "erasure_requests", "legal_holds")) {
            for (Row r : read(ds)) {
                assertTrue(ids.contains(r.getString("customer_id")), ds + " refers to an unknown customer");
            }
        }
        for (Row e : read("events")) {
            assertTrue(e.getString("ip_address").matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})"));
            for (String part : e.getString("ip_address").split("\\.")) {
                assertTrue(Integer.parseInt(part) <= 255);
            }
        }
    }

    @Test
    void consentsUseTheThreePurposesAndCrossBorderOnesAreSeparate() {
        Map<String, Integer> perPurpose = new TreeMap<>();
        for (Row c : read("consents")) {
            String purpose = c.getString("purpose");
            perPurpose.merge(purpose, 1, Integer::sum);
            assertEquals(!purpose.equals("marketing"), c.get("separate"), purpose);
            if (purpose.equals("cross-border")) {
                assertTrue(c.getString("reference").matches("SC-\\d{4}-\\d{6,}"), c.getString("reference"));
            }
            Instant w = (Instant) c.get("withdrawn_at");
            assertTrue(w == null || w.isAfter((Instant) c.get("granted_at")));
        }
        assertEquals(Set.of("cross-border", "marketing", "sensitive-processing"), perPurpose.keySet());
    }

    @Test
    void aboutThreePercentOfCommentsLeakTheCustomersOwnContactDetails() {
        Map<String, Row> customers = customersById();
        int comments = 0;
        int leaks = 0;
        Set<Integer> ratings = new HashSet<>();
        for (Row q : read("enquiries")) {
            if (q.get("rating") != null) {
                ratings.add((Integer) q.get("rating"));
            }
            String text = q.getString("comment");
            if (text == null) {
                continue;
            }
            comments++;
            Row owner = customers.get(q.getString("customer_id"));
            Matcher m = MOBILE_IN_TEXT.matcher(text);
            Matcher e = EMAIL_IN_TEXT.matcher(text);
            if (m.find()) {
                leaks++;
                assertEquals(owner.getString("mobile"), m.group(), "the leaked number is the customer's own");
            } else if (e.find()) {
                leaks++;
                assertEquals(owner.getString("email"), e.group(), "the leaked address is the customer's own");
            }
        }
        assertEquals(Set.of(1, 2, 3, 4, 5), ratings);
        double share = (double) leaks / comments;
        assertTrue(share > 0.01 && share < 0.06, "leak share " + share);
    }

    @Test
    void someHeldCustomersAlsoHaveErasureRequestsOrExpiredRetention() {
        LocalDate asOf = SampleDataGenerator.DEFAULT_AS_OF;
        Map<String, Row> customers = customersById();
        Set<String> erasure = new HashSet<>();
        List<Row> requests = read("erasure_requests");
        assertTrue(requests.size() > N * 0.005 && requests.size() < N * 0.02, "about 1 % erasure requests");
        for (Row r : requests) {
            erasure.add(r.getString("customer_id"));
            assertTrue(Set.of("approved", "pending").contains(r.getString("status")));
            assertTrue(Set.of("app", "email", "phone").contains(r.getString("channel")));
        }
        int past = 0;
        int future = 0;
        int open = 0;
        int withErasure = 0;
        int withExpiredRetention = 0;
        for (Row h : read("legal_holds")) {
            LocalDate until = (LocalDate) h.get("held_until");
            boolean binding = until == null || !until.isBefore(asOf);
            if (until == null) {
                open++;
            } else if (until.isBefore(asOf)) {
                past++;
            } else {
                future++;
            }
            String id = h.getString("customer_id");
            Instant closed = (Instant) customers.get(id).get("account_closed_at");
            if (binding && erasure.contains(id)) {
                withErasure++;
            }
            if (binding && closed != null && closed.isBefore(asOf.minusYears(5).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                withExpiredRetention++;
            }
        }
        assertTrue(past > 0 && future > 0 && open > 0, "past " + past + ", future " + future + ", open-ended " + open);
        assertTrue(withErasure > 0, "a binding hold on a customer with an erasure request");
        assertTrue(withExpiredRetention > 0, "a binding hold on a customer whose retention expired");
    }

    // ------------------------------------------------------------------ cross-border

    @Test
    void egressEvidenceAndLedgerDisagreeExactlyWherePlanted() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] key = MessageDigest.getInstance("SHA-256")
                .digest(("custodia-sample-gateway-key:" + SEED).getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        Set<String> knownHashes = new HashSet<>();
        for (String id : customersById().keySet()) {
            knownHashes.add(HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))));
        }

        Map<String, Long> records = new HashMap<>();
        Map<String, Set<String>> subjects = new HashMap<>();
        Dataset egress = catalog.requireDataset("egress_log");
        RowSchema schema = RowSchema.ofColumns(egress.columns());
        for (FileStatus f : Storage.dataFiles(egress.location(), egress.format())) {
            String name = f.getPath().getName();
            assertTrue(name.matches("egress-\\d{4}-\\d{2}\\.jsonl"), name);
            YearMonth month = YearMonth.parse(name.substring(7, 14));
            Instant previous = Instant.MIN;
            try (RowReader r = RowFiles.open(f.getPath(), DataFormat.JSONL, schema, Storage.configuration())) {
                Row row;
                while ((row = r.next()) != null) {
                    Instant t = (Instant) row.get("time");
                    assertEquals(month, YearMonth.from(t.atZone(ZoneOffset.UTC)), name);
                    assertFalse(t.isBefore(previous), "time order in " + name);
                    previous = t;
                    String hash = row.getString("subject_hash");
                    assertTrue(knownHashes.contains(hash), "subject_hash is the keyed hash of a customer_id");
                    assertEquals(row.getString("channel").equals("remote-query"), row.get("remote_access"));
                    String object = row.getString("object");
                    records.merge(object, 1L, Long::sum);
                    subjects.computeIfAbsent(object, o -> new HashSet<>()).add(hash);
                }
            }
        }

        Set<String> approved = Set.of("Pacific Parcel Logistics Pte. Ltd.", "Atlas Analytics Inc.", "Nordlicht Payments GmbH",
                "Kestrel Customer Care Sdn. Bhd.");
        Set<String> ledgerObjects = new HashSet<>();
        Map<String, Integer> findings = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (Row l : read("transfer_ledger")) {
            assertTrue(ids.add(l.getString("transfer_id")));
            String object = l.getString("object");
            ledgerObjects.add(object);
            LocalDate day = LocalDate.ofInstant((Instant) l.get("transferred_at"), ZoneOffset.UTC);
            LocalDate effective = (LocalDate) l.get("basis_effective_on");
            LocalDate filed = (LocalDate) l.get("basis_filed_on");
            LocalDate expires = (LocalDate) l.get("basis_expires_on");
            boolean sensitive = (Boolean) l.get("sensitive");
            if (!records.containsKey(object)) {
                findings.merge("unlogged", 1, Integer::sum);
                continue;
            }
            long declared = (Long) l.get("records");
            long actual = records.get(object);
            assertEquals(subjects.get(object).size(), (Long) l.get("individuals"), object);
            if (Math.abs(declared - actual) > actual * 0.05) {
                findings.merge("quantity", 1, Integer::sum);
            } else {
                assertEquals(actual, declared, object);
            }
            if (!approved.contains(l.getString("recipient"))) {
                findings.merge("recipient", 1, Integer::sum);
            }
            if (l.getString("legal_basis") == null) {
                findings.merge("no-basis", 1, Integer::sum);
            }
            if (expires != null && expires.isBefore(day)) {
                findings.merge("expired", 1, Integer::sum);
            }
            if (effective != null && effective.isAfter(day)) {
                findings.merge("not-yet-effective", 1, Integer::sum);
            }
            if (filed != null && filed.isAfter(effective.plusDays(14))) {
                findings.merge("filed-late", 1, Integer::sum);
            }
            if (sensitive && l.getString("consent_reference") == null) {
                findings.merge("no-consent", 1, Integer::sum);
            }
            if (sensitive && l.getString("pia_reference") == null) {
                findings.merge("no-pia", 1, Integer::sum);
            }
        }
        for (String kind : List.of("unlogged", "quantity", "recipient", "no-basis", "expired", "not-yet-effective", "filed-late",
                "no-consent", "no-pia")) {
            assertEquals(1, findings.getOrDefault(kind, 0), kind + " in " + findings);
        }
        Set<String> undeclared = new HashSet<>(records.keySet());
        undeclared.removeAll(ledgerObjects);
        assertEquals(Set.of("atlas-adhoc-extract-2026-06-18.csv", "crm-remote-session-2026-09-23"), undeclared);

        String readme = Files.readString(shared.resolve("README.md"));
        for (CrossBorder.Transfer t : CrossBorder.buildPlan(N)) {
            if (t.finding() != CrossBorder.Finding.MATCHED) {
                assertTrue(readme.contains("`" + t.object() + "`"), "README documents " + t.object());
                assertTrue(readme.contains(t.finding().label), "README names " + t.finding());
            }
        }
    }

    @Test
    void sensitiveVolumeIsCountedFromTheEvidenceAndPinnedNearTheThreshold() {
        // At 2,000 customers everyone eligible is screened; the figure equals the evidence.
        assertTrue(summary.sensitiveIndividuals() > N * 0.80 && summary.sensitiveIndividuals() <= N);
        long asOf = SampleDataGenerator.DEFAULT_AS_OF.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertEquals(new CrossBorder(SEED, N, new Facts.Model(SEED, asOf, N)).sensitiveSet().size(), summary.sensitiveIndividuals());
        // The set is sized without writing anything: at 10,000 and 1,000,000 customers it reaches the target.
        for (long customers : List.of(10_000L, 1_000_000L)) {
            Facts.Model model = new Facts.Model(SEED, asOf, customers);
            SensitiveSet set = new CrossBorder(SEED, customers, model).sensitiveSet();
            assertEquals(CrossBorder.SENSITIVE_TARGET, set.size(), "at " + customers + " customers");
            double share = (double) set.size() / CrossBorder.SENSITIVE_THRESHOLD;
            assertTrue(share >= 0.80 && share <= 0.95);
        }
    }

    // ------------------------------------------------------------------ small parts

    @Test
    void permutationIsABijectionWithItsInverse() {
        for (long n : List.of(1L, 2L, 10L, 97L, 1_000L, 4_096L)) {
            Permutation p = new Permutation(SEED, 7, n);
            boolean[] seen = new boolean[(int) n];
            for (long j = 0; j < n; j++) {
                long i = p.at(j);
                assertFalse(seen[(int) i], "n=" + n);
                seen[(int) i] = true;
                assertEquals(j, p.positionOf(i));
            }
        }
    }

    @Test
    void optionsRejectNonsense(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new SampleDataGenerator.Options(0, 1, dir));
        assertThrows(IllegalArgumentException.class, () -> new SampleDataGenerator.Options(10, 1, dir).withRowsPerFile(0));
        SampleDataGenerator.Options o = new SampleDataGenerator.Options(10, 1, dir);
        assertEquals(4000, o.rowsPerFile());
        assertEquals(LocalDate.of(2026, 11, 1), o.asOf());
    }
}
