package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.CrossBorderTransfer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.LedgerEntry;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconcile job end to end through the CLI on a constructed ledger and egress log with one
 * transfer per kind of discrepancy: the report must name exactly the planted set of findings, and
 * the distinct-individual counts must equal those computed here from the raw subject ids. A small
 * sort buffer and merge fan-in force spilled runs and several merge passes.
 */
class ReconcileJobTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;
    TestHome home;
    TransferWorld w;

    @BeforeEach
    void world() throws Exception {
        home = new TestHome(tmp);
        w = plant(tmp, home);
    }

    /**
     * Builds the planted company under {@code tmp}: keys, data, two share-export entries in the evidence
     * ledger, and two job files (jobs/reconcile.yaml with the production default, jobs/reconcile-report-only.yaml
     * with fail-on: []).
     */
    static TransferWorld plant(Path tmp, TestHome home) throws Exception {
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        TransferWorld w = new TransferWorld();
        TransferWorld.Tx t;

        t = w.tx("T-01").people("C", 0, 300);
        t.recordsPerSubject = 2;
        t.write(); // matched
        t = w.tx("T-02");
        t.recipient = "Parcel Pte. Ltd.";
        t.country = "SG";
        t.purpose = "delivery";
        t.channel = "sftp";
        t.host = "sftp.parcel.sg";
        t.basis = "exemption";
        t.exemptionKind = "contract-performance";
        t.reference = "TERMS-v5";
        t.effective = "2025-01-01";
        t.filed = null;
        t.expires = null;
        t.logged = false;
        t.declaredIndividuals = 40L;
        t.declaredRecords = 40L;
        w.expect(FindingKind.NO_EVIDENCE, "T-02");
        t.write();
        t = w.tx("T-03").people("C", 100, 400);
        t.at = Instant.parse("2026-04-03T03:00:00Z");
        t.declaredRecords = 270L; // 10 % below the 300 lines
        w.expect(FindingKind.RECORDS_MISMATCH, "T-03");
        t.write();
        t = w.tx("T-04").people("C", 400, 500);
        t.declaredIndividuals = 120L;
        w.expect(FindingKind.INDIVIDUALS_MISMATCH, "T-04");
        t.write();
        t = w.tx("T-05").people("C", 500, 550);
        t.declaredBytes = 1_000L;
        w.expect(FindingKind.BYTES_MISMATCH, "T-05");
        t.write();
        t = w.tx("T-06").people("C", 550, 600);
        t.recipient = "Broker Ltd.";
        t.country = "GB";
        t.host = "sftp.broker.co.uk";
        w.expect(FindingKind.RECIPIENT_NOT_APPROVED, "T-06");
        t.write();
        t = w.tx("T-07").people("C", 600, 620);
        t.country = "CA";
        w.expect(FindingKind.COUNTRY_NOT_APPROVED, "T-07");
        t.write();
        t = w.tx("T-08").people("C", 620, 640);
        t.purpose = "credit scoring";
        w.expect(FindingKind.PURPOSE_NOT_APPROVED, "T-08");
        t.write();
        t = w.tx("T-09").people("C", 640, 660);
        t.basis = null;
        t.reference = null;
        t.effective = null;
        t.filed = null;
        t.expires = null;
        w.expect(FindingKind.BASIS_MISSING, "T-09");
        t.write();
        t = w.tx("T-10").people("C", 660, 680);
        t.at = Instant.parse("2026-04-10T01:00:00Z");
        t.basis = "certification";
        t.reference = "PIC-2026-0001";
        t.effective = "2026-05-01";
        t.filed = null;
        t.expires = "2029-04-30";
        w.expect(FindingKind.BASIS_NOT_YET_EFFECTIVE, "T-10");
        t.write();
        t = w.tx("T-11").people("C", 680, 700);
        t.at = Instant.parse("2026-03-03T03:00:00Z");
        t.reference = "SCC-2023-0311";
        t.effective = "2023-03-01";
        t.filed = "2023-03-08";
        t.expires = "2026-02-28";
        w.expect(FindingKind.BASIS_EXPIRED, "T-11");
        t.write();
        t = w.tx("T-12").people("C", 700, 720);
        t.at = Instant.parse("2026-07-01T03:00:00Z");
        t.reference = "SCC-2026-0219";
        t.effective = "2026-06-01"; // a Monday: the 10th working day after it is Monday 2026-06-15
        t.filed = "2026-06-16";
        t.expires = "2027-05-31";
        w.expect(FindingKind.FILED_LATE, "T-12");
        t.write();
        t = w.tx("T-13").people("F", 0, 60);
        t.recipient = "Pay GmbH";
        t.country = "DE";
        t.purpose = "fraud screening";
        t.sensitive = true;
        t.host = "sftp.pay.de";
        t.basis = "certification";
        t.reference = "PIC-2026-0015";
        t.effective = "2026-01-15";
        t.filed = null;
        t.expires = "2029-01-14";
        t.consent = null;
        w.expect(FindingKind.SENSITIVE_WITHOUT_CONSENT, "T-13");
        t.write();
        t = w.tx("T-14").people("F", 40, 100);
        t.recipient = "Pay GmbH";
        t.country = "DE";
        t.purpose = "fraud screening";
        t.sensitive = true;
        t.host = "sftp.pay.de";
        t.basis = "certification";
        t.reference = "PIC-2026-0015";
        t.effective = "2026-01-15";
        t.filed = null;
        t.expires = "2029-01-14";
        t.pia = null;
        w.expect(FindingKind.SENSITIVE_WITHOUT_PIA, "T-14");
        t.write();
        t = w.tx("T-15").people("C", 720, 740);
        t.egressCountry = "IN";
        w.expect(FindingKind.COUNTRY_MISMATCH, "T-15");
        t.write();
        t = w.tx("T-16").people("C", 740, 760);
        t.host = "files.analytics-mirror.net";
        w.expect(FindingKind.HOST_NOT_REGISTERED, "T-16");
        t.write();
        t = w.tx("ADHOC").people("C", 0, 50);
        t.at = Instant.parse("2026-06-18T09:40:00Z");
        t.object = "adhoc-extract-2026-06-18.csv";
        t.host = "sftp.analytics.com";
        t.declared = false;
        w.expect(FindingKind.UNDECLARED_TRANSFER, t.write());
        t = w.tx("REMOTE").people("C", 900, 960);
        t.at = Instant.parse("2026-09-23T02:10:00Z");
        t.object = "crm-remote-session-2026-09-23";
        t.host = "vpn.bpo.ph";
        t.country = "PH";
        t.channel = "remote-query";
        t.remote = true;
        t.declared = false;
        w.expect(FindingKind.UNDECLARED_REMOTE_ACCESS, t.write());
        t = w.tx("T-20");
        t.at = Instant.parse("2026-05-05T05:00:00Z");
        t.object = "exports/partner-a.parquet";
        t.channel = "share-export";
        t.logged = false; // evidence: the share job's entry, not the gateway
        t.declaredRecords = 700L;
        t.declaredIndividuals = 650L;
        t.write();
        t = w.tx("T-21").people("C", 760, 780);
        t.at = Instant.parse("2026-10-01T03:00:00Z");
        t.reference = "SCC-2026-0301";
        t.effective = "2026-09-01";
        t.filed = null;
        t.expires = "2029-08-31";
        w.expect(FindingKind.NOT_FILED, "T-21");
        t.write();
        t = w.tx("T-22").people("C", 780, 800);
        t.recordsText = "12x";
        w.expect(FindingKind.MALFORMED_LEDGER_ROW, "T-22");
        t.write();
        String broken = w.nextLedgerLine();
        w.ledger.add("T-BROKEN,2026-03-01T00:00:00Z,Alpha Trading Co.");
        w.expect(FindingKind.MALFORMED_LEDGER_ROW, broken);
        t = w.tx("T-23").people("C", 800, 820);
        t.purpose = null;
        w.expect(FindingKind.LEDGER_ROW_INCOMPLETE, "T-23");
        t.write();
        t = w.tx("T-01").people("C", 820, 840);
        t.object = "t-24.csv";
        w.expect(FindingKind.DUPLICATE_TRANSFER_ID, "T-01");
        t.write();
        t = w.tx("T-26").people("C", 840, 900);
        t.withoutHashEvery = 3;
        w.expect(FindingKind.EVIDENCE_WITHOUT_SUBJECT_HASH, "T-26");
        t.write();
        // Beta's sensitive volume, split over two channels so that neither alone reaches the warning share
        t = w.tx("T-30").people("S", 0, 5_000);
        t.at = Instant.parse("2026-02-09T05:00:00Z");
        t.entity = TransferWorld.BETA;
        t.recipient = "Pay GmbH";
        t.country = "DE";
        t.purpose = "fraud screening";
        t.sensitive = true;
        t.host = "api.pay.de";
        t.basis = "certification";
        t.reference = "PIC-2026-0015";
        t.effective = "2026-01-15";
        t.filed = null;
        t.expires = "2029-01-14";
        t.write();
        t = w.tx("T-31").people("S", 3_000, 8_200);
        t.at = Instant.parse("2026-08-09T05:00:00Z");
        t.entity = TransferWorld.BETA;
        t.recipient = "Pay GmbH";
        t.country = "DE";
        t.purpose = "fraud screening";
        t.sensitive = true;
        t.channel = "sftp";
        t.host = "sftp.pay.de";
        t.basis = "exemption";
        t.exemptionKind = "small-volume"; // not available for sensitive data: any sensitive volume needs a contract or certification
        t.reference = null;
        t.effective = null;
        t.filed = null;
        t.expires = null;
        w.expect(FindingKind.MECHANISM_BELOW_REQUIRED, "T-31");
        t.write();
        t = w.tx("T-32").people("S", 8_000, 9_000);
        t.at = Instant.parse("2026-09-02T04:00:00Z");
        t.entity = TransferWorld.BETA;
        t.recipient = "Pay GmbH";
        t.country = "DE";
        t.purpose = "payments";
        t.sensitive = true;
        t.host = "api.pay.de";
        t.basis = "exemption";
        t.exemptionKind = "contract-performance";
        t.reference = "TERMS-v5";
        t.effective = "2025-01-01";
        t.filed = null;
        t.expires = null;
        t.write();
        w.expect(FindingKind.THRESHOLD_WARNING, TransferWorld.BETA);
        // outside the period: last year's transfer, and a line after the run date
        t = w.tx("T-40").people("C", 0, 30);
        t.at = Instant.parse("2025-12-15T02:00:00Z");
        t.write();
        t = w.tx("LATE").people("C", 0, 5);
        t.at = Instant.parse("2026-11-30T02:00:00Z");
        t.object = "after-the-run-date.csv";
        t.declared = false;
        t.write();

        // malformed evidence lines, appended to May's file
        List<String> may = w.egress.computeIfAbsent("egress-2026-05.jsonl", f -> new ArrayList<>());
        String ok = "\"channel\":\"api\",\"destination_host\":\"api.analytics.com\",\"destination_country\":\"US\"";
        may.add("this is not json C000001");
        w.expect(FindingKind.MALFORMED_EVIDENCE_LINE, "egress/egress-2026-05.jsonl:" + may.size());
        may.add("{\"time\":\"yesterday\"," + ok + ",\"object\":\"t-03.csv\"}");
        w.expect(FindingKind.MALFORMED_EVIDENCE_LINE, "egress/egress-2026-05.jsonl:" + may.size());
        may.add("{\"time\":\"2026-05-06T00:00:00Z\"," + ok + ",\"object\":\"t-03.csv\",\"customer_id\":\"C000001\"}");
        w.expect(FindingKind.MALFORMED_EVIDENCE_LINE, "egress/egress-2026-05.jsonl:" + may.size());
        may.add("{\"time\":\"2026-05-06T00:00:00Z\"," + ok + "}");
        w.expect(FindingKind.MALFORMED_EVIDENCE_LINE, "egress/egress-2026-05.jsonl:" + may.size());

        w.write(tmp.resolve("data"));

        // the share job's records: one matching T-20 by transfer id, one that nobody declared
        KeyDirectory keys = new KeyDirectory(tmp.resolve("var/keys"));
        EvidenceLedger ledger = new EvidenceLedger(tmp.resolve("var/evidence"));
        ledger.append(EntryTypes.CROSS_BORDER_TRANSFER, new CrossBorderTransfer("T-20", Instant.parse("2026-05-05T05:10:00Z"),
                TransferWorld.ALPHA, "Analytics Inc.", "US", "analytics", List.of("customer pseudonym"), false, 700, 650, "share-export",
                "exports/partner-a.parquet", "standard-contract", "SCC-2025-001", "SR-2026-017").toBody(), keys.signer());
        ledger.append(EntryTypes.CROSS_BORDER_TRANSFER, new CrossBorderTransfer("SX-99", Instant.parse("2026-08-01T01:00:00Z"),
                TransferWorld.ALPHA, "Analytics Inc.", "US", "analytics", List.of("customer pseudonym"), false, 90, 80, "share-export",
                "exports/partner-x.parquet", "standard-contract", "SCC-2025-001", "SR-2026-031").toBody(), keys.signer());
        w.expect(FindingKind.UNDECLARED_SHARE_EXPORT, "ledger.jsonl:2 (entry 2)");

        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/reconcile.yaml"), jobFile(""));
        Files.writeString(tmp.resolve("jobs/reconcile-report-only.yaml"), jobFile("  fail-on: []\n"));
        return w;
    }

    static String jobFile(String extra) {
        return """
                job: reconcile
                catalog: ../data/catalog.yaml
                reconcile:
                  rules: cac-2024
                  default-legal-entity: Alpha Trading Co., Ltd.
                  tolerance: 5%
                  sort-buffer: 500
                  merge-fan-in: 3
                  approved-recipients:
                    - {name: Parcel Pte. Ltd., country: SG, purposes: [delivery], hosts: [sftp.parcel.sg]}
                    - {name: Analytics Inc., country: US, purposes: [analytics], hosts: [api.analytics.com, sftp.analytics.com]}
                    - {name: Pay GmbH, country: DE, purposes: [payments, fraud screening], hosts: [api.pay.de, sftp.pay.de]}
                """ + extra;
    }

    /** "kind|key" of every finding in the report, keyed as the world keys its expectations. */
    static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : table(report, "Exceptions").path("rows")) {
            String kind = row.get(1).asString();
            String transfer = row.get(2).asString();
            String ledgerRow = row.get(3).asString();
            String evidence = row.get(4).asString();
            String entity = row.get(5).asString();
            String key = !transfer.isEmpty() ? transfer : !ledgerRow.isEmpty() ? ledgerRow
                    : !evidence.isEmpty() ? evidence.replace("datasets/egress/", "egress/") : entity;
            out.add(kind + "|" + key);
        }
        return out;
    }

    static JsonNode table(JsonNode report, String titlePrefix) {
        for (JsonNode t : report.path("tables")) {
            if (t.path("title").asString().startsWith(titlePrefix)) {
                return t;
            }
        }
        throw new AssertionError("no table " + titlePrefix);
    }

    @Test
    void findsExactlyThePlantedDiscrepanciesAndCountsIndividualsExactly() throws Exception {
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/reconcile.yaml").toString(), "--date", "2026-11-25");
        // production default: critical findings fail the run, after the report is written
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("cross-border reconciliation:").contains("critical finding(s)").contains("undeclared-transfer ×1");
        assertThat(r.out()).contains("report: ");

        Path reportJson = home.files("report.json").getFirst();
        JsonNode report = JSON.readTree(reportJson.toFile());
        assertThat(findings(report)).containsExactlyInAnyOrderElementsOf(w.expected);
        assertThat(report.path("status").asString()).isEqualTo("FAILED");
        assertThat(report.path("facts").path("rule set").asString()).isEqualTo("cac-2024 version 2024.1 (in force 2024-03-22)");

        // distinct individuals per legal entity and sensitivity, against the sets kept while building
        Map<String, List<Long>> volumes = new TreeMap<>();
        for (JsonNode row : table(report, "Distinct individuals since 2026-01-01").path("rows")) {
            volumes.put(row.get(0).asString() + "|" + row.get(1).asString(),
                    List.of(row.get(5).asLong(), row.get(6).asLong() + row.get(7).asLong(), row.get(4).asLong()));
        }
        assertThat(volumes).containsOnlyKeys(TransferWorld.ALPHA + "|non-sensitive", TransferWorld.ALPHA + "|sensitive",
                TransferWorld.BETA + "|sensitive");
        assertThat(volumes.get(TransferWorld.BETA + "|sensitive")).containsExactly(8_200L, w.exempt(TransferWorld.BETA, true), 0L);
        assertThat(w.counted(TransferWorld.BETA, true)).isEqualTo(8_200L);
        assertThat(volumes.get(TransferWorld.ALPHA + "|sensitive")).containsExactly(w.counted(TransferWorld.ALPHA, true), 0L, 0L);
        assertThat(volumes.get(TransferWorld.ALPHA + "|non-sensitive")).containsExactly(w.counted(TransferWorld.ALPHA, false),
                w.exempt(TransferWorld.ALPHA, false), 650L);
        assertThat(w.exempt(TransferWorld.ALPHA, false)).isEqualTo(40L);

        // per transfer: distinct subjects, a person in two records counted once
        JsonNode transfers = table(report, "Declared transfers in the period").path("rows");
        JsonNode t01 = null;
        for (JsonNode row : transfers) {
            if (row.get(0).asString().equals("T-01") && row.get(1).asString().endsWith(":2")) {
                t01 = row;
            }
        }
        assertThat(t01).isNotNull();
        assertThat(t01.get(10).asLong()).isEqualTo(600);
        assertThat(t01.get(12).asLong()).isEqualTo(300);
        assertThat(t01.get(15).asString()).isEqualTo("matched");
        assertThat(report.path("facts").path("matched transfers").asLong()).isEqualTo(4); // T-01, T-20 (share export), T-30, T-32 (exempt)

        // the CSV beside the report holds the same exceptions
        List<String> csv = Files.readAllLines(reportJson.resolveSibling("exceptions.csv"));
        assertThat(csv.getFirst()).isEqualTo("severity,kind,transfer_id,ledger_row,evidence,legal_entity,detail");
        assertThat(csv).hasSize(w.expected.size() + 1);

        // the ledger entry, and nothing personal anywhere
        List<LedgerEntry> entries = new EvidenceLedger(tmp.resolve("var/evidence"))
                .entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(), EntryTypes.RECONCILE_REPORT);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().body().path("failed").asBoolean()).isTrue();
        assertThat(entries.getFirst().body().path("findings").path("undeclared-transfer").asInt()).isEqualTo(1);
        assertThat(entries.getFirst().body().path("exceptionsSha256").asString())
                .isEqualTo(io.custodia.crypto.Hashes.sha256Hex(Files.readString(reportJson.resolveSibling("exceptions.csv"))));
        String written = Files.readString(reportJson) + Files.readString(reportJson.resolveSibling("report.html"))
                + Files.readString(reportJson.resolveSibling("exceptions.csv")) + Files.readString(tmp.resolve("var/evidence/ledger.jsonl"));
        assertThat(written).doesNotContain("C000001").doesNotContain("S000001").doesNotContain(w.subjectHash("C000001"))
                .doesNotContain(w.subjectHash("S004000"));
        // scratch files are gone
        assertThat(home.files("*.bin")).isEmpty();
    }

    @Test
    void reportOnlyJobFileExitsZeroWithTheSameFindings() throws Exception {
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/reconcile-report-only.yaml").toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode report = JSON.readTree(home.files("report.json").getFirst().toFile());
        assertThat(findings(report)).containsExactlyInAnyOrderElementsOf(w.expected);
        assertThat(report.path("status").asString()).isEqualTo("WARNING");
        assertThat(home.cli("evidence", "verify").exitCode()).isZero();
    }
}
