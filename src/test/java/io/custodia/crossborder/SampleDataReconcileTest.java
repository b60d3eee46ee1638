package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed sample company with the committed job file (jobs/monthly-reconcile.yaml, as the demo
 * runs it): the report must name exactly the discrepancies sample-data/README.md says were planted
 * (read from its table, so the two cannot drift apart), the 2026 matched transfers it lists, and the
 * distinct-individual volumes — which this test also counts itself from the raw egress lines.
 */
class SampleDataReconcileTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, FindingKind> README_LABELS = Map.ofEntries(
            Map.entry("legal basis not yet effective", FindingKind.BASIS_NOT_YET_EFFECTIVE),
            Map.entry("legal basis expired", FindingKind.BASIS_EXPIRED),
            Map.entry("recipient not approved", FindingKind.RECIPIENT_NOT_APPROVED),
            Map.entry("sensitive without separate consent", FindingKind.SENSITIVE_WITHOUT_CONSENT),
            Map.entry("legal basis missing", FindingKind.BASIS_MISSING),
            Map.entry("quantity mismatch", FindingKind.RECORDS_MISMATCH),
            Map.entry("undeclared", FindingKind.UNDECLARED_TRANSFER),
            Map.entry("sensitive without impact assessment", FindingKind.SENSITIVE_WITHOUT_PIA),
            Map.entry("standard contract filed late", FindingKind.FILED_LATE),
            Map.entry("purpose not approved", FindingKind.PURPOSE_NOT_APPROVED),
            Map.entry("no egress evidence", FindingKind.NO_EVIDENCE),
            Map.entry("undeclared remote access", FindingKind.UNDECLARED_REMOTE_ACCESS));
    static final String SHANGHAI = "Harbourline Trading (Shanghai) Co., Ltd.";
    static final String SHENZHEN = "Harbourline Cross-Border E-Commerce (Shenzhen) Co., Ltd.";

    @TempDir
    Path tmp;

    @Test
    void findsExactlyWhatTheSampleDataPlanted() throws Exception {
        TestHome home = new TestHome(tmp);
        home.copyTree(Path.of("sample-data"), "sample-data");
        Files.createDirectories(tmp.resolve("jobs"));
        Files.copy(Path.of("jobs/monthly-reconcile.yaml"), tmp.resolve("jobs/monthly-reconcile.yaml"));
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/monthly-reconcile.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode report = JSON.readTree(home.files("report.json").getFirst().toFile());

        String readme = Files.readString(Path.of("sample-data/README.md"));
        List<String> planted = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (XB-\\d{4}-\\d{4}|— \\(not in ledger\\)) \\| (\\d{4}-\\d\\d-\\d\\d) \\| [^|]+ \\| `([^`]+)` \\| ([^|]+) \\|")
                .matcher(readme.substring(readme.indexOf("### Planted discrepancies")));
        while (row.find()) {
            FindingKind kind = README_LABELS.get(row.group(4).strip());
            assertThat(kind).as("README label '%s'", row.group(4)).isNotNull();
            if (row.group(2).startsWith("2026")) {
                planted.add(kind.label() + "|" + (row.group(1).startsWith("XB") ? row.group(1) : row.group(3)));
            }
        }
        assertThat(planted).hasSize(12);
        planted.add(FindingKind.THRESHOLD_WARNING.label() + "|" + SHANGHAI); // "an early-warning band of 80–95 %"

        List<String> found = new ArrayList<>();
        for (JsonNode f : ReconcileJobTest.table(report, "Exceptions").path("rows")) {
            String kind = f.get(1).asString();
            String key = !f.get(2).asString().isEmpty() ? f.get(2).asString()
                    : kind.startsWith("undeclared") ? f.get(6).asString().replaceAll("^.*object '([^']+)'.*$", "$1") : f.get(5).asString();
            found.add(kind + "|" + key);
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(planted);

        // the matched transfers of 2026 the README lists, and no others
        String matchedSection = readme.substring(readme.indexOf("### Matched transfers"), readme.indexOf("### Volumes"));
        Set<String> matched2026 = new TreeSet<>();
        Matcher id = Pattern.compile("XB-2026-\\d{4}").matcher(matchedSection);
        while (id.find()) {
            matched2026.add(id.group());
        }
        Set<String> reportedMatched = new TreeSet<>();
        for (JsonNode t : ReconcileJobTest.table(report, "Declared transfers in the period").path("rows")) {
            if (t.get(15).asString().equals("matched")) {
                reportedMatched.add(t.get(0).asString());
            }
        }
        assertThat(reportedMatched).isEqualTo(matched2026);

        // volumes: the README's figures, and our own count from the raw lines
        Map<String, Long> own = countIndependently();
        Map<String, JsonNode> volumes = new TreeMap<>();
        for (JsonNode v : ReconcileJobTest.table(report, "Distinct individuals since 2026-01-01").path("rows")) {
            volumes.put(v.get(0).asString() + "|" + v.get(1).asString(), v);
        }
        assertThat(volumes.get(SHANGHAI + "|non-sensitive").get(2).asLong()).isEqualTo(2_123).isEqualTo(own.get(SHANGHAI + "|false|counted"));
        assertThat(volumes.get(SHANGHAI + "|non-sensitive").get(3).asLong()).isEqualTo(own.get(SHANGHAI + "|false|undeclared"));
        assertThat(volumes.get(SHANGHAI + "|non-sensitive").get(5).asLong()).isEqualTo(own.get(SHANGHAI + "|false|union"));
        assertThat(volumes.get(SHANGHAI + "|sensitive").get(5).asLong()).isEqualTo(8_200).isEqualTo(own.get(SHANGHAI + "|true|counted"));
        assertThat(volumes.get(SHANGHAI + "|sensitive").get(6).asLong()).isEqualTo(own.get(SHANGHAI + "|true|exempt"));
        assertThat(volumes.get(SHENZHEN + "|non-sensitive").get(5).asLong()).isZero();
        assertThat(volumes.get(SHENZHEN + "|non-sensitive").get(6).asLong()).isEqualTo(380).isEqualTo(own.get(SHENZHEN + "|false|exempt"));
        assertThat(volumes.get(SHENZHEN + "|non-sensitive").get(7).asLong()).isEqualTo(20); // the parcel manifest that never left
    }

    /** Distinct subject hashes per entity, sensitivity and category, straight from the files, with plain sets. */
    private static Map<String, Long> countIndependently() throws Exception {
        Map<String, String[]> ledger = new HashMap<>(); // object -> {entity, sensitive, exempt}
        List<String> rows = Files.readAllLines(Path.of("sample-data/datasets/transfer_ledger.csv"));
        List<String> header = List.of(rows.getFirst().split(",", -1));
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (!f[header.indexOf("transferred_at")].startsWith("2026")) {
                continue;
            }
            String entity = f[header.indexOf("legal_entity")].replace("\"", "");
            ledger.put(f[header.indexOf("object")], new String[] {entity, f[header.indexOf("sensitive")],
                    String.valueOf(f[header.indexOf("exemption_kind")].equals("contract-performance"))});
        }
        Map<String, Set<String>> sets = new HashMap<>();
        Pattern object = Pattern.compile("\"object\":\"([^\"]+)\"");
        Pattern subject = Pattern.compile("\"subject_hash\":\"([0-9a-f]+)\"");
        Pattern time = Pattern.compile("\"time\":\"(\\d{4})");
        try (var files = Files.list(Path.of("sample-data/datasets/egress"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher o = object.matcher(line);
                    Matcher s = subject.matcher(line);
                    Matcher t = time.matcher(line);
                    if (!o.find() || !s.find() || !t.find()) {
                        continue;
                    }
                    String[] l = ledger.get(o.group(1));
                    String key;
                    if (l != null) {
                        key = l[0] + "|" + l[1] + "|" + (l[2].equals("true") ? "exempt" : "counted");
                    } else if (t.group(1).equals("2026")) {
                        key = SHANGHAI + "|false|undeclared";
                    } else {
                        continue;
                    }
                    sets.computeIfAbsent(key, k -> new HashSet<>()).add(s.group(1));
                }
            }
        }
        Map<String, Long> out = new HashMap<>();
        sets.forEach((k, v) -> out.put(k, (long) v.size()));
        Set<String> union = new HashSet<>(sets.getOrDefault(SHANGHAI + "|false|counted", Set.of()));
        union.addAll(sets.getOrDefault(SHANGHAI + "|false|undeclared", Set.of()));
        out.put(SHANGHAI + "|false|union", (long) union.size());
        return out;
    }
}
