package io.custodia.crossborder;

import io.custodia.crypto.Hashes;
import io.custodia.evidence.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The auditor's report of one reconciliation: headline facts, the exceptions, volumes against the
 * thresholds (tables and bar charts, year to date by month), every declared transfer of the period
 * with its evidence, the evidence nobody declared, the rule set used; and the exceptions as CSV
 * beside it. Counts, parties, references, dates and file:line only — never a personal value.
 */
final class ReconcileReport {
    static final String CSV = "exceptions.csv";
    static final List<String> CSV_COLUMNS = List.of("severity", "kind", "transfer_id", "ledger_row", "evidence", "legal_entity", "detail");

    /** What the run decided: the kinds found that make it fail, and how many findings of each kind. */
    record Verdict(Map<FindingKind, Integer> byKind, Map<FindingKind, Integer> failing, long critical, long warnings) {
        boolean fails() {
            return !failing.isEmpty();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            failing.forEach((k, n) -> parts.add(k.label() + " ×" + n));
            return String.join(", ", parts);
        }

        static Verdict of(List<Finding> findings, Set<FindingKind> failOn) {
            Map<FindingKind, Integer> byKind = new EnumMap<>(FindingKind.class);
            findings.forEach(f -> byKind.merge(f.kind(), 1, Integer::sum));
            Map<FindingKind, Integer> failing = new EnumMap<>(FindingKind.class);
            byKind.forEach((k, n) -> {
                if (failOn.contains(k)) {
                    failing.put(k, n);
                }
            });
            long critical = findings.stream().filter(f -> f.severity() == FindingKind.Severity.CRITICAL).count();
            return new Verdict(byKind, failing, critical, findings.size() - critical);
        }
    }

    /** Inputs for the facts that are not in the reconciliation itself. */
    record Counts(int ledgerRows, int ledgerFiles, List<EgressScan> scans, int shareEntries, int runs, int extraPasses, boolean ledgerHasBytes) {
        long lines() {
            return scans.stream().mapToLong(EgressScan::lines).sum();
        }

        long inPeriod() {
            return scans.stream().mapToLong(EgressScan::inPeriod).sum();
        }

        long malformed() {
            return scans.stream().mapToLong(EgressScan::malformed).sum();
        }
    }

    private ReconcileReport() {
    }

    /** Writes exceptions.csv (atomically) into {@code dir}; returns its SHA-256. */
    static String writeCsv(Path dir, List<Finding> findings) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Finding f : findings) {
            b.append(String.join(",", List.of(csv(f.severity().label()), csv(f.kind().label()), csv(f.transferId()), csv(f.ledgerRow()),
                    csv(f.evidence()), csv(f.legalEntity()), csv(f.detail())))).append('\n');
        }
        String text = b.toString();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + CSV + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(CSV), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CSV) + ": " + e.getMessage(), e);
        }
        return Hashes.sha256Hex(text);
    }

    static String csv(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    static RunReport build(RunReport.Builder report, ReconcileSettings settings, ReconcilePeriod period, Reconciliation r, Verdict verdict,
            Counts counts, String csvSha256) {
        RuleSet rules = settings.rules();
        long matched = r.rows.stream().filter(Reconciliation.RowResult::matched).count();
        report.status(verdict.fails() ? "FAILED" : r.findings.isEmpty() ? "COMPLETED" : "WARNING")
                .fact("rule set", rules.describe())
                .fact("rule source", rules.origin())
                .fact("period", period.toString())
                .fact("ledger rows", counts.ledgerRows())
                .fact("ledger rows in the period", r.rows.size())
                .fact("matched transfers", matched)
                .fact("egress log files", counts.scans().size())
                .fact("egress lines", counts.lines())
                .fact("egress lines in the period", counts.inPeriod())
                .fact("malformed egress lines", counts.malformed())
                .fact("share-export entries in the period", r.sharesInPeriod)
                .fact("critical findings", verdict.critical())
                .fact("warnings", verdict.warnings())
                .fact("fails the run", verdict.fails() ? "yes: " + verdict.describe()
                        : settings.failOn().isEmpty() ? "no (fail-on: [] — this job file never fails on findings)" : "no")
                .fact("exceptions", CSV + " (SHA-256 " + csvSha256 + ")");

        report.table("Exceptions", List.of("severity", "finding", "transfer", "ledger row", "evidence", "legal entity", "detail"),
                r.findings.stream().map(f -> row(f.severity().label(), f.kind().label(), f.transferId(), f.ledgerRow(), f.evidence(),
                        f.legalEntity(), f.detail())).toList());

        List<List<Object>> vols = new ArrayList<>();
        for (Reconciliation.VolumeResult v : r.volumes) {
            RuleSet.Threshold limit = v.next();
            vols.add(row(v.key().legalEntity(), v.key().sensitive() ? "sensitive" : "non-sensitive", v.declared(), v.undeclared(),
                    v.declaredOnly(), v.counted(), v.exempt(), v.exemptDeclaredOnly(),
                    v.reached() == null ? "none" : String.format("%,d", v.reached().atLeast()) + " (" + v.reached().citation() + ")",
                    limit == null ? "none above" : String.format("%,d", limit.atLeast()),
                    limit == null ? "" : String.format("%.1f%%", 100.0 * v.counted() / limit.atLeast()), rules.label(v.required()),
                    v.onFile().isEmpty() ? "(no declared transfer)" : v.onFile()));
        }
        report.table("Distinct individuals since " + period.from + " against " + rules.name() + " thresholds",
                List.of("legal entity", "personal information", "in evidence of declared transfers", "in undeclared evidence",
                        "declared, no hashed evidence (added)", "counted toward thresholds", "exempt, in evidence (not counted)",
                        "exempt, declared without evidence (not counted)", "threshold reached",
                        "next threshold", "share of next", "mechanism required", "mechanisms on file"), vols);
        for (boolean sensitive : List.of(false, true)) {
            List<RunReport.Bar> bars = new ArrayList<>();
            for (Reconciliation.VolumeResult v : r.volumes) {
                if (v.key().sensitive() != sensitive) {
                    continue;
                }
                bars.add(new RunReport.Bar(v.key().legalEntity() + " — counted", v.counted(), limit(v)));
                if (v.exempt() + v.exemptDeclaredOnly() > 0) {
                    bars.add(new RunReport.Bar(v.key().legalEntity() + " — exempt, not counted", v.exempt() + v.exemptDeclaredOnly(), null));
                }
            }
            if (!bars.isEmpty()) {
                report.chart(new RunReport.Bars((sensitive ? "Sensitive" : "Non-sensitive") + " personal information: distinct individuals since "
                        + period.from + " (red line: the next threshold)", "individuals", bars));
            }
        }
        int month = period.to.getMonthValue();
        for (Reconciliation.VolumeResult v : r.volumes) {
            if (v.counted() == 0) {
                continue;
            }
            List<RunReport.Bar> bars = new ArrayList<>();
            for (int m = 1; m <= month; m++) {
                bars.add(new RunReport.Bar(Month.of(m).getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + period.year(), v.cumulative()[m], limit(v)));
            }
            report.chart(new RunReport.Bars(v.key().describe() + ": individuals counted, year to date by month", "individuals", bars));
        }

        List<List<Object>> transfers = new ArrayList<>();
        for (Reconciliation.RowResult x : r.rows) {
            LedgerRow row = x.row();
            EgressEvidence.PerRow ev = x.egress();
            transfers.add(row(row.transferId(), row.location(), String.valueOf(row.date(period.zone)), row.legalEntity(), row.recipient(),
                    row.recipientCountry(), row.purpose(), row.sensitive() == null ? "?" : row.sensitive() ? "yes" : "no",
                    Reconciliation.basisLabel(row) + (row.basisReference() == null ? "" : " " + row.basisReference()),
                    row.records() == null ? "" : row.records(), ev.any() ? ev.lines : "", row.individuals() == null ? "" : row.individuals(),
                    ev.individualsExact() ? ev.individuals : ev.any() ? "(" + ev.individuals + "; lines without hash)" : "",
                    x.shares().stream().map(s -> s.transfer().transferId() + " @ " + s.location()).reduce((a, b) -> a + "; " + b).orElse(""),
                    ev.any() ? ev.firstLocation + " (" + EgressEvidence.distinct(ev.groups, EgressScan.Group::host) + ")" : "",
                    x.matched() ? "matched" : x.kinds().isEmpty() ? "no evidence"
                            : String.join(", ", x.kinds().stream().map(FindingKind::label).distinct().toList())));
        }
        report.table("Declared transfers in the period", List.of("transfer", "ledger row", "date", "legal entity", "recipient", "country",
                "purpose", "sensitive", "legal basis", "records declared", "egress lines", "individuals declared", "individuals in evidence",
                "share exports", "evidence (first line)", "status"), transfers);

        List<List<Object>> undeclared = new ArrayList<>();
        for (EgressEvidence.Undeclared u : r.undeclaredEgress) {
            EgressScan.Group g = u.group();
            undeclared.add(row(g.object(), g.host(), g.country(), g.channel(), g.remote() ? "yes" : "no", g.lines(), u.individuals(),
                    g.firstLocation(), Instant.ofEpochMilli(g.firstMillis()).toString(), Instant.ofEpochMilli(g.lastMillis()).toString()));
        }
        for (ShareEvidence s : r.undeclaredShares) {
            undeclared.add(row(s.transfer().object(), "(share export " + s.transfer().transferId() + ")", s.transfer().recipientCountry(),
                    s.transfer().channel(), "no", s.transfer().records(), s.transfer().individuals(), s.location(), s.transfer().time().toString(), ""));
        }
        report.table("Evidence no ledger row declares", List.of("object", "destination", "country", "channel", "remote access", "lines",
                "individuals", "evidence (first line)", "first", "last"), undeclared);

        report.table("Egress log files", List.of("file", "lines", "in the period", "outside the period", "malformed", "sorted runs"),
                counts.scans().stream().map(s -> row(s.file(), s.lines(), s.inPeriod(), s.outOfPeriod(), s.malformed(), s.runs().size())).toList());

        List<List<Object>> ruleRows = new ArrayList<>();
        ruleRows.add(row("rule set", rules.name() + " " + rules.version(), rules.title()));
        ruleRows.add(row("in force", String.valueOf(rules.effective()), rules.source()));
        ruleRows.add(row("applies to", rules.appliesTo(), ""));
        for (RuleSet.Threshold t : rules.nonSensitive()) {
            ruleRows.add(row("non-sensitive, " + String.format("%,d", t.atLeast()) + " or more individuals", rules.label(t.requires()), t.citation()));
        }
        for (RuleSet.Threshold t : rules.sensitive()) {
            ruleRows.add(row("sensitive, " + String.format("%,d", t.atLeast()) + " or more individuals", rules.label(t.requires()), t.citation()));
        }
        for (RuleSet.Mechanism m : rules.mechanisms().values()) {
            ruleRows.add(row("mechanism " + m.name(), "provides " + rules.label(m.provides())
                    + (m.validity() == null ? "" : "; valid " + RuleSet.describe(m.validity()))
                    + (m.filingWithinWorkingDays() == null ? "" : "; filed within " + m.filingWithinWorkingDays() + " working days"), m.citation()));
        }
        for (RuleSet.Exemption e : rules.exemptions().values()) {
            ruleRows.add(row("exemption " + e.kind(), (e.counted() ? "counted toward thresholds" : "not counted (shown apart)") + "; "
                    + e.description(), e.citation()));
        }
        ruleRows.add(row("working days", rules.workingDays().describe(), ""));
        report.table("Rule set " + rules.name() + " " + rules.version(), List.of("rule", "value", "source"), ruleRows);

        List<List<Object>> kinds = new ArrayList<>();
        for (FindingKind k : FindingKind.values()) {
            kinds.add(row(k.label(), k.severity().label(), settings.failOn().contains(k) ? "yes" : "no", verdict.byKind().getOrDefault(k, 0),
                    k.description()));
        }
        report.table("Finding kinds", List.of("finding", "severity", "fails the run", "found", "meaning"), kinds);

        report.note("Distinct individuals are counted exactly per legal entity, sensitive and non-sensitive apart, as one union over every "
                + "channel, recipient and file: each egress line's subject_hash is turned into a 64-bit SipHash-2-4 fingerprint under a key "
                + "made for this run, fingerprints are sorted in runs of " + String.format("%,d", settings.sortBuffer()) + " per worker ("
                + String.format("%,d", 12L * settings.sortBuffer()) + " bytes) spilled to disk and merged " + settings.mergeFanIn()
                + " at a time (" + counts.runs() + " runs, " + counts.extraPasses() + " extra merge passes), so memory does not grow with "
                + "the number of lines. Two different subjects share a fingerprint with probability about n²/2⁶⁵ (below 3 in a million for "
                + "10 million subjects), which could only lower a count by one.");
        report.note("A line counts for the ledger row whose object it carries (the latest row of that object declared at or before the line; "
                + "destination host and country are compared, not matched): that row's legal entity, date, sensitivity and exemption. "
                + "A line no row names is undeclared and counts for the default legal entity (" + settings.entityOrUnattributed()
                + ") as non-sensitive, in the year it left. Declared rows that do not say whether they are sensitive count as sensitive.");
        report.note("Exempt transfers (an exemption the rule set does not count, e.g. contract performance) are counted apart and shown, "
                + "not added to the thresholds. Declared non-exempt transfers without any hashed egress line add their declared individuals "
                + "(or the share export's, if larger) on top of the exact union: this can only overstate the volume.");
        report.note("Tolerance: a declared quantity is a mismatch when it differs from the evidence by more than the tolerance times the "
                + "evidence (records " + Tolerance.percent(settings.tolerance().records()) + ", individuals "
                + Tolerance.percent(settings.tolerance().individuals()) + ", bytes " + Tolerance.percent(settings.tolerance().bytes()) + ")"
                + (counts.ledgerHasBytes() ? "." : "; bytes are not compared because the transfer ledger declares no bytes column."));
        report.note("Filing deadlines: " + rules.workingDays().describe() + ". A filing due after the run date is not yet late.");
        report.note("Not evaluated: important data (the ledger does not flag it; " + rules.name() + " requires " + rules.label(rules.importantData())
                + " for any), and operators of critical information infrastructure (see 'applies to' in the rule set table). "
                + "Separate consent and impact assessment are checked for sensitive transfers, as the policy asks; PIPL Art. 39 and 55 "
                + "require them for other transfers abroad too.");
        report.note("Exit code: findings of the kinds marked 'fails the run' make this run end FAILED (exit code 1) after the report, "
                + "the exceptions CSV and the ledger entry are written, so a scheduler can alert. Set fail-on in the job file to change which.");
        return report.build();
    }

    private static Double limit(Reconciliation.VolumeResult v) {
        if (v.next() != null) {
            return (double) v.next().atLeast();
        }
        return v.reached() == null ? null : (double) v.reached().atLeast();
    }

    static List<Object> row(Object... cells) {
        List<Object> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            out.add(c == null ? "" : c);
        }
        return out;
    }

    /** The reconcile.report ledger entry: counts, the verdict and the hashes of what was written. */
    static Map<String, Object> ledgerBody(String jobFile, LocalDate runDate, long execution, ReconcilePeriod period, RuleSet rules, Counts counts,
            Reconciliation r, Verdict verdict, Path reportDir, String reportSha256, String csvSha256) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobFile", jobFile);
        body.put("runDate", runDate.toString());
        body.put("execution", execution);
        body.put("period", Map.of("from", period.from.toString(), "to", period.to.toString(), "zone", period.zone.getId()));
        body.put("ruleSet", Map.of("name", rules.name(), "version", rules.version(), "source", rules.origin()));
        body.put("ledgerRows", counts.ledgerRows());
        body.put("ledgerRowsInPeriod", r.rows.size());
        body.put("matched", r.rows.stream().filter(Reconciliation.RowResult::matched).count());
        body.put("egressFiles", counts.scans().size());
        body.put("egressLines", counts.lines());
        body.put("egressLinesInPeriod", counts.inPeriod());
        body.put("malformedLines", counts.malformed());
        body.put("shareEntriesInPeriod", r.sharesInPeriod);
        Map<String, Integer> byKind = new LinkedHashMap<>();
        verdict.byKind().forEach((k, n) -> byKind.put(k.label(), n));
        body.put("findings", byKind);
        body.put("critical", verdict.critical());
        body.put("warnings", verdict.warnings());
        body.put("failed", verdict.fails());
        List<Map<String, Object>> vols = new ArrayList<>();
        for (Reconciliation.VolumeResult v : r.volumes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("legalEntity", v.key().legalEntity());
            m.put("sensitive", v.key().sensitive());
            m.put("counted", v.counted());
            m.put("exempt", v.exempt() + v.exemptDeclaredOnly());
            m.put("required", v.required());
            vols.add(m);
        }
        body.put("volumes", vols);
        body.put("report", reportDir.toString());
        body.put("reportSha256", reportSha256);
        body.put("exceptionsSha256", csvSha256);
        return body;
    }
}
