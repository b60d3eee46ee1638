package io.custodia.crossborder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A constructed company for the reconcile tests: a transfer ledger (CSV, written line by line so
 * the test knows every line number) and an egress gateway log (JSON Lines, one file per month),
 * built transfer by transfer. While building, it records independently of the job's code what a
 * correct reconciliation must find: the set of findings and the distinct individuals per legal
 * entity and sensitivity (as sets of raw subject ids).
 */
final class TransferWorld {
    static final String ALPHA = "Alpha Trading Co., Ltd.";
    static final String BETA = "Beta Payments Co., Ltd.";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 25);
    static final String HEADER = "transfer_id,transferred_at,legal_entity,recipient,recipient_country,purpose,data_categories,sensitive,"
            + "records,individuals,channel,object,legal_basis,exemption_kind,basis_reference,basis_effective_on,basis_filed_on,"
            + "basis_expires_on,consent_reference,pia_reference,bytes";

    final List<String> ledger = new ArrayList<>();
    final Map<String, List<String>> egress = new TreeMap<>();
    /** "kind|key": key is the transfer id, or the evidence location for evidence-only findings, or the entity for volume findings. */
    final List<String> expected = new ArrayList<>();
    /** "entity|sensitive|category" → raw subject ids (categories: counted, exempt, undeclared). */
    final Map<String, Set<String>> subjects = new TreeMap<>();
    /** Declared individuals added for non-exempt transfers without hashed evidence, per "entity|sensitive". */
    final Map<String, Long> declaredOnly = new TreeMap<>();
    final Map<String, Long> exemptDeclaredOnly = new TreeMap<>();
    final Map<String, Long> transferIndividuals = new LinkedHashMap<>();
    private final Mac gateway;

    TransferWorld() {
        try {
            gateway = Mac.getInstance("HmacSHA256");
            gateway.init(new SecretKeySpec("test-gateway-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String subjectHash(String customer) {
        return HexFormat.of().formatHex(gateway.doFinal(customer.getBytes(StandardCharsets.UTF_8)));
    }

    /** The ledger's file:line for the next row written (line 1 is the header). */
    String nextLedgerLine() {
        return "datasets/transfer_ledger.csv:" + (ledger.size() + 2);
    }

    void expect(FindingKind kind, String key) {
        expected.add(kind.label() + "|" + key);
    }

    /** A transfer to build; defaults give a clean, approved, legally based, non-sensitive transfer by Alpha. */
    final class Tx {
        final String id;
        Instant at = Instant.parse("2026-03-10T02:00:00Z");
        String entity = ALPHA;
        String recipient = "Analytics Inc.";
        String country = "US";
        String purpose = "analytics";
        String categories = "customer pseudonym;order history";
        Boolean sensitive = false;
        String channel = "api";
        String host = "api.analytics.com";
        String egressCountry;
        String object;
        String basis = "standard-contract";
        String exemptionKind;
        String reference = "SCC-2025-001";
        String effective = "2025-06-02";
        String filed = "2025-06-06";
        String expires = "2028-06-01";
        String consent = "SC-TEXT-v1";
        String pia = "PIA-2025-01";
        List<String> people = new ArrayList<>();
        int recordsPerSubject = 1;
        int withoutHashEvery;
        boolean remote;
        Long declaredRecords;
        Long declaredIndividuals;
        Long declaredBytes;
        String recordsText;
        boolean logged = true;
        boolean declared = true;
        String firstEvidence;

        Tx(String id) {
            this.id = id;
            this.object = id.toLowerCase() + ".csv";
        }

        Tx people(String prefix, int from, int to) {
            for (int i = from; i < to; i++) {
                people.add(prefix + String.format("%06d", i));
            }
            return this;
        }

        LocalDate date() {
            return LocalDate.ofInstant(at, ZONE);
        }

        boolean inPeriod() {
            return !date().isBefore(LocalDate.of(2026, 1, 1)) && !date().isAfter(RUN_DATE);
        }

        boolean exempt() {
            return "exemption".equals(basis) && !"small-volume".equals(exemptionKind);
        }

        /** Writes the egress lines (if logged) and the ledger row (if declared); records expectations of volume. */
        String write() {
            long records = 0;
            long bytes = 0;
            long hashed = 0;
            Set<String> distinct = new LinkedHashSet<>();
            String file = "egress-" + date().toString().substring(0, 7) + ".jsonl";
            if (logged) {
                List<String> lines = egress.computeIfAbsent(file, f -> new ArrayList<>());
                long t = at.toEpochMilli() + 30_000;
                int n = 0;
                for (String person : people) {
                    for (int k = 0; k < recordsPerSubject; k++) {
                        n++;
                        boolean noHash = withoutHashEvery > 0 && n % withoutHashEvery == 0;
                        long b = 500 + (n % 7) * 10;
                        String line = "{\"time\":\"" + Instant.ofEpochMilli(t + n * 1000L) + "\",\"channel\":\"" + channel
                                + "\",\"destination_host\":\"" + host + "\",\"destination_country\":\"" + (egressCountry == null ? country : egressCountry)
                                + "\",\"object\":\"" + object + "\",\"bytes\":" + b
                                + (noHash ? "" : ",\"subject_hash\":\"" + subjectHash(person) + "\"")
                                + ",\"remote_access\":" + remote + "}";
                        lines.add(line);
                        if (firstEvidence == null) {
                            firstEvidence = "egress/" + file + ":" + lines.size();
                        }
                        records++;
                        bytes += b;
                        if (!noHash) {
                            distinct.add(person);
                            hashed++;
                        }
                    }
                }
            }
            if (inPeriod() && logged) {
                String category = !declared ? "undeclared" : exempt() ? "exempt" : "counted";
                String e = declared ? entity : ALPHA;
                boolean s = declared ? !Boolean.FALSE.equals(sensitive) : false;
                subjects.computeIfAbsent(e + "|" + s + "|" + category, k -> new TreeSet<>()).addAll(distinct);
            }
            transferIndividuals.put(id, (long) distinct.size());
            if (declared) {
                long ind = declaredIndividuals != null ? declaredIndividuals : distinct.size();
                if (inPeriod() && hashed == 0) {
                    String k = entity + "|" + !Boolean.FALSE.equals(sensitive);
                    (exempt() ? exemptDeclaredOnly : declaredOnly).merge(k, ind, Long::sum);
                }
                String where = nextLedgerLine();
                ledger.add(String.join(",", List.of(id, at.toString(), csv(entity), csv(recipient), csv(country), csv(purpose), csv(categories),
                        sensitive == null ? "" : sensitive.toString(),
                        recordsText != null ? recordsText : String.valueOf(declaredRecords != null ? declaredRecords : records),
                        String.valueOf(ind), csv(channel), csv(object), csv(basis), csv(exemptionKind), csv(reference), csv(effective),
                        csv(filed), csv(expires), csv(consent), csv(pia), String.valueOf(declaredBytes != null ? declaredBytes : bytes))));
                return where;
            }
            return firstEvidence;
        }
    }

    Tx tx(String id) {
        return new Tx(id);
    }

    static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    long counted(String entity, boolean sensitive) {
        Set<String> s = new TreeSet<>(subjects.getOrDefault(entity + "|" + sensitive + "|counted", Set.of()));
        s.addAll(subjects.getOrDefault(entity + "|" + sensitive + "|undeclared", Set.of()));
        return s.size() + declaredOnly.getOrDefault(entity + "|" + sensitive, 0L);
    }

    long exempt(String entity, boolean sensitive) {
        return subjects.getOrDefault(entity + "|" + sensitive + "|exempt", Set.of()).size()
                + exemptDeclaredOnly.getOrDefault(entity + "|" + sensitive, 0L);
    }

    void write(Path data) throws Exception {
        Files.createDirectories(data.resolve("datasets/egress"));
        Files.writeString(data.resolve("datasets/transfer_ledger.csv"), HEADER + "\n" + String.join("\n", ledger) + "\n");
        for (Map.Entry<String, List<String>> e : egress.entrySet()) {
            Files.writeString(data.resolve("datasets/egress").resolve(e.getKey()), String.join("\n", e.getValue()) + "\n");
        }
        Files.writeString(data.resolve("catalog.yaml"), CATALOG);
    }

    static final String CATALOG = """
            version: 1
            company: Alpha and Beta Group
            datasets:
              - name: transfer_ledger
                role: transfer-ledger
                location: datasets/transfer_ledger.csv
                format: csv
                primary-key: transfer_id
                columns:
                  - {name: transfer_id,       type: string,    level: general, required: true}
                  - {name: transferred_at,    type: timestamp, level: general}
                  - {name: legal_entity,      type: string,    level: general}
                  - {name: recipient,         type: string,    level: general}
                  - {name: recipient_country, type: string,    level: general}
                  - {name: purpose,           type: string,    level: general}
                  - {name: data_categories,   type: string,    level: general}
                  - {name: sensitive,         type: boolean,   level: general}
                  - {name: records,           type: long,      level: general}
                  - {name: individuals,       type: long,      level: general}
                  - {name: channel,           type: string,    level: general}
                  - {name: object,            type: string,    level: general}
                  - {name: legal_basis,       type: string,    level: general}
                  - {name: exemption_kind,    type: string,    level: general}
                  - {name: basis_reference,   type: string,    level: general}
                  - {name: basis_effective_on, type: date,     level: general}
                  - {name: basis_filed_on,    type: date,      level: general}
                  - {name: basis_expires_on,  type: date,      level: general}
                  - {name: consent_reference, type: string,    level: general}
                  - {name: pia_reference,     type: string,    level: general}
                  - {name: bytes,             type: long,      level: general}
              - name: egress_log
                role: egress-log
                location: datasets/egress
                format: jsonl
                columns:
                  - {name: time,                type: timestamp, level: general}
                  - {name: channel,             type: string,    level: general}
                  - {name: destination_host,    type: string,    level: general}
                  - {name: destination_country, type: string,    level: general}
                  - {name: object,              type: string,    level: general}
                  - {name: bytes,               type: long,      level: general}
                  - {name: subject_hash,        type: string,    level: general}
                  - {name: remote_access,       type: boolean,   level: general}
            """;
}
