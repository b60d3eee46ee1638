package io.custodia.crossborder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks: every ledger row of the period against its evidence (egress lines and share-export
 * entries), the approved recipients, its legal basis and the sensitive-data requirements; every
 * piece of evidence no row declares; and each legal entity's distinct individuals since 1 January
 * against the rule set's thresholds. Pure: inputs in, findings and tables out.
 */
final class Reconciliation {
    /** A ledger row of the period with its evidence and what was found about it (empty: matched). */
    record RowResult(LedgerRow row, EgressEvidence.PerRow egress, List<ShareEvidence> shares, List<FindingKind> kinds) {
        boolean evidenced() {
            return egress.any() || !shares.isEmpty();
        }

        boolean matched() {
            return evidenced() && kinds.isEmpty();
        }
    }

    /**
     * One legal entity's sensitive or non-sensitive volume since 1 January. {@code counted} is what
     * the thresholds see: distinct individuals in the evidence of declared non-exempt transfers and
     * of undeclared transfers (exact, one union), plus the declared individuals of non-exempt
     * transfers with no hashed evidence (added: they may overlap, so this errs high, never low).
     */
    record VolumeResult(VolumeKey key, long declared, long undeclared, long declaredOnly, long counted, long exempt, long exemptDeclaredOnly,
            String required, RuleSet.Threshold next, RuleSet.Threshold reached, String onFile, long[] cumulative) {
    }

    final List<Finding> findings = new ArrayList<>();
    final List<RowResult> rows = new ArrayList<>();
    final List<VolumeResult> volumes = new ArrayList<>();
    final List<ShareEvidence> undeclaredShares = new ArrayList<>();
    List<EgressEvidence.Undeclared> undeclaredEgress = List.of();
    int rowsOutOfPeriod;
    int sharesInPeriod;

    private final ReconcileSettings settings;
    private final RuleSet rules;
    private final ReconcilePeriod period;
    private final LocalDate runDate;

    private Reconciliation(ReconcileSettings settings, ReconcilePeriod period, LocalDate runDate) {
        this.settings = settings;
        this.rules = settings.rules();
        this.period = period;
        this.runDate = runDate;
    }

    static Reconciliation run(ReconcileSettings settings, ReconcilePeriod period, LocalDate runDate, LedgerReader.Result ledger,
            List<EgressScan> scans, EgressEvidence egress, List<ShareEvidence> shares) {
        Reconciliation r = new Reconciliation(settings, period, runDate);
        r.check(ledger, scans, egress, shares);
        r.findings.sort(Finding.ORDER);
        return r;
    }

    /** The volumes the period's declared rows count in, in a stable order (egress evidence may add more). */
    static List<VolumeKey> declaredVolumes(List<LedgerRow> rows, ReconcileSettings settings, ReconcilePeriod period) {
        return rows.stream().filter(r -> period.contains(r.date(period.zone)))
                .map(r -> EgressEvidence.volumeOf(r, settings)).distinct()
                .sorted(Comparator.comparing(VolumeKey::legalEntity).thenComparing(VolumeKey::sensitive)).toList();
    }

    private void add(FindingKind kind, LedgerRow r, String evidence, String entity, String detail) {
        findings.add(new Finding(kind, r == null ? null : r.transferId(), r == null ? null : r.location(), evidence, entity, detail));
    }

    private void check(LedgerReader.Result ledger, List<EgressScan> scans, EgressEvidence egress, List<ShareEvidence> shares) {
        List<LedgerRow> all = ledger.rows();
        for (LedgerReader.Problem p : ledger.malformed()) {
            findings.add(new Finding(FindingKind.MALFORMED_LEDGER_ROW, p.transferId(), p.location(), null, null, p.message()));
        }
        Map<String, LedgerRow> firstById = new HashMap<>();
        for (LedgerRow r : all) {
            if (r.transferId() != null) {
                LedgerRow first = firstById.putIfAbsent(r.transferId(), r);
                if (first != null) {
                    add(FindingKind.DUPLICATE_TRANSFER_ID, r, null, r.legalEntity(), "transfer id " + r.transferId()
                            + " is also declared at " + first.location());
                }
            }
        }

        // share-export entries: by transfer id, else by object
        TransferIndex index = new TransferIndex(all);
        Map<Integer, List<ShareEvidence>> sharesByRow = new HashMap<>();
        for (ShareEvidence s : shares) {
            LocalDate d = LocalDate.ofInstant(s.transfer().time(), period.zone);
            if (!period.contains(d)) {
                continue;
            }
            sharesInPeriod++;
            LedgerRow match = firstById.get(s.transfer().transferId());
            if (match == null && s.transfer().object() != null) {
                int i = index.assign(s.transfer().object(), s.transfer().time().toEpochMilli());
                match = i >= 0 ? all.get(i) : null;
            }
            if (match == null) {
                undeclaredShares.add(s);
                findings.add(new Finding(FindingKind.UNDECLARED_SHARE_EXPORT, null, null, s.location(), s.transfer().legalEntity(),
                        "share export " + s.transfer().transferId() + " of " + String.format("%,d", s.transfer().records()) + " records ("
                                + String.format("%,d", s.transfer().individuals()) + " individuals) to " + s.transfer().recipient() + " ("
                                + s.transfer().recipientCountry() + ") on " + d + " for " + s.transfer().purpose()
                                + ": no ledger row has its transfer id or object"));
            } else {
                sharesByRow.computeIfAbsent(match.index(), k -> new ArrayList<>()).add(s);
            }
        }

        Map<VolumeKey, List<RowResult>> byVolume = new LinkedHashMap<>();
        for (LedgerRow r : all) {
            if (r.transferredAt() == null) {
                if (!r.unreadable().contains("transferred_at")) {
                    add(FindingKind.LEDGER_ROW_INCOMPLETE, r, null, r.legalEntity(), "empty " + String.join(", ", r.missing())
                            + "; without a transfer time the row cannot be placed in a period or checked further");
                }
                continue;
            }
            LocalDate date = r.date(period.zone);
            if (!period.contains(date)) {
                rowsOutOfPeriod++;
                continue;
            }
            int before = findings.size();
            EgressEvidence.PerRow ev = egress.perRow[r.index()];
            List<ShareEvidence> sh = sharesByRow.getOrDefault(r.index(), List.of());
            checkRow(r, date, ev, sh);
            List<FindingKind> kinds = new ArrayList<>();
            for (int i = before; i < findings.size(); i++) {
                kinds.add(findings.get(i).kind());
            }
            RowResult rr = new RowResult(r, ev, sh, kinds);
            rows.add(rr);
            byVolume.computeIfAbsent(EgressEvidence.volumeOf(r, settings), k -> new ArrayList<>()).add(rr);
        }
        // malformed ledger rows and duplicates also mark their rows
        for (RowResult rr : rows) {
            rr.kinds().addAll(0, findings.stream().filter(f -> f.ledgerRow() != null && f.ledgerRow().equals(rr.row().location())
                    && (f.kind() == FindingKind.MALFORMED_LEDGER_ROW || f.kind() == FindingKind.DUPLICATE_TRANSFER_ID)).map(Finding::kind).toList());
        }

        undeclaredEgress = egress.undeclared;
        for (EgressEvidence.Undeclared u : egress.undeclared) {
            EgressScan.Group g = u.group();
            findings.add(new Finding(g.remote() ? FindingKind.UNDECLARED_REMOTE_ACCESS : FindingKind.UNDECLARED_TRANSFER, null, null,
                    g.firstLocation(), settings.entityOrUnattributed(), (g.remote() ? "remote access to " : "")
                    + "object '" + g.object() + "' to " + g.host() + " (" + g.country() + ")" + (g.channel() == null ? "" : " by " + g.channel())
                    + ": " + String.format("%,d", g.lines()) + " lines, " + String.format("%,d", u.individuals()) + " individuals"
                    + (g.withoutHash() > 0 ? " (" + String.format("%,d", g.withoutHash()) + " lines without a subject hash)" : "")
                    + ", " + java.time.Instant.ofEpochMilli(g.firstMillis()) + " to " + java.time.Instant.ofEpochMilli(g.lastMillis())
                    + "; no ledger row names this object"));
        }
        for (EgressScan s : scans) {
            for (EgressScan.Malformed m : s.malformedShown()) {
                findings.add(new Finding(FindingKind.MALFORMED_EVIDENCE_LINE, null, null, m.location(), null, m.problem()));
            }
            long rest = s.malformed() - s.malformedShown().size();
            if (rest > 0) {
                findings.add(new Finding(FindingKind.MALFORMED_EVIDENCE_LINE, null, null, s.file(), null, String.format("%,d", rest)
                        + " further malformed lines in this file (" + String.format("%,d", s.malformed()) + " in all; the first "
                        + s.malformedShown().size() + " are listed one by one)"));
            }
        }
        volumes(egress, byVolume);
    }

    private void checkRow(LedgerRow r, LocalDate date, EgressEvidence.PerRow ev, List<ShareEvidence> shares) {
        String entity = r.legalEntity();
        List<String> missing = r.missing();
        if (!missing.isEmpty()) {
            add(FindingKind.LEDGER_ROW_INCOMPLETE, r, null, entity, "empty " + String.join(", ", missing)
                    + (r.object() == null ? "; without an object the row cannot be matched to evidence" : ""));
        }
        if (!ev.any() && shares.isEmpty()) {
            add(FindingKind.NO_EVIDENCE, r, null, entity, "declared " + n(r.records()) + " records (" + n(r.individuals())
                    + " individuals) to " + r.recipient() + " on " + date + " as '" + r.object()
                    + "', but no egress line and no share-export entry of the period names this object or transfer id");
        }
        Tolerance tol = settings.tolerance();
        if (ev.any()) {
            if (r.records() != null && Tolerance.exceeds(r.records(), ev.lines, tol.records())) {
                add(FindingKind.RECORDS_MISMATCH, r, ev.firstLocation, entity, "records " + Tolerance.offBy(r.records(), ev.lines)
                        + " egress lines; tolerance " + Tolerance.percent(tol.records()));
            }
            if (ev.withoutHash > 0) {
                add(FindingKind.EVIDENCE_WITHOUT_SUBJECT_HASH, r, ev.firstLocation, entity, String.format("%,d", ev.withoutHash) + " of "
                        + String.format("%,d", ev.lines) + " egress lines carry no subject hash; individuals were not compared");
            } else if (r.individuals() != null && Tolerance.exceeds(r.individuals(), ev.individuals, tol.individuals())) {
                add(FindingKind.INDIVIDUALS_MISMATCH, r, ev.firstLocation, entity, "individuals " + Tolerance.offBy(r.individuals(), ev.individuals)
                        + " distinct subject hashes; tolerance " + Tolerance.percent(tol.individuals()));
            }
            if (r.bytes() != null && ev.linesWithBytes == ev.lines && Tolerance.exceeds(r.bytes(), ev.bytes, tol.bytes())) {
                add(FindingKind.BYTES_MISMATCH, r, ev.firstLocation, entity, "bytes " + Tolerance.offBy(r.bytes(), ev.bytes)
                        + " logged bytes; tolerance " + Tolerance.percent(tol.bytes()));
            }
            for (EgressScan.Group g : ev.groups) {
                if (r.recipientCountry() != null && !g.country().equals(r.recipientCountry())) {
                    add(FindingKind.COUNTRY_MISMATCH, r, g.firstLocation(), entity, String.format("%,d", g.lines()) + " lines went to "
                            + g.host() + " in " + g.country() + "; the ledger declares " + r.recipientCountry());
                }
            }
        }
        for (ShareEvidence s : shares) {
            var t = s.transfer();
            if (r.records() != null && Tolerance.exceeds(r.records(), t.records(), tol.records())) {
                add(FindingKind.RECORDS_MISMATCH, r, s.location(), entity, "records " + Tolerance.offBy(r.records(), t.records())
                        + " in share export " + t.transferId() + "; tolerance " + Tolerance.percent(tol.records()));
            }
            if (r.individuals() != null && Tolerance.exceeds(r.individuals(), t.individuals(), tol.individuals())) {
                add(FindingKind.INDIVIDUALS_MISMATCH, r, s.location(), entity, "individuals " + Tolerance.offBy(r.individuals(), t.individuals())
                        + " in share export " + t.transferId() + "; tolerance " + Tolerance.percent(tol.individuals()));
            }
            if (r.recipientCountry() != null && t.recipientCountry() != null && !t.recipientCountry().equalsIgnoreCase(r.recipientCountry())) {
                add(FindingKind.COUNTRY_MISMATCH, r, s.location(), entity, "share export " + t.transferId() + " went to "
                        + t.recipientCountry() + "; the ledger declares " + r.recipientCountry());
            }
        }

        var approved = settings.approved(r.recipient());
        if (r.recipient() != null && approved.isEmpty()) {
            add(FindingKind.RECIPIENT_NOT_APPROVED, r, null, entity, "recipient '" + r.recipient() + "' (" + r.recipientCountry()
                    + ") is not on the approved list of the job file");
        } else if (approved.isPresent()) {
            ApprovedRecipient a = approved.get();
            if (r.recipientCountry() != null && !a.country().equals(r.recipientCountry())) {
                add(FindingKind.COUNTRY_NOT_APPROVED, r, null, entity, a.name() + " is approved in " + a.country() + ", the ledger declares "
                        + r.recipientCountry());
            }
            if (r.purpose() != null && a.purposes().stream().noneMatch(p -> p.equalsIgnoreCase(r.purpose()))) {
                add(FindingKind.PURPOSE_NOT_APPROVED, r, null, entity, "purpose '" + r.purpose() + "' is not approved for " + a.name()
                        + " (approved: " + String.join("; ", a.purposes()) + ")");
            }
            if (!a.hosts().isEmpty()) {
                for (EgressScan.Group g : ev.groups) {
                    if (!a.hosts().contains(g.host())) {
                        add(FindingKind.HOST_NOT_REGISTERED, r, g.firstLocation(), entity, String.format("%,d", g.lines()) + " lines went to "
                                + g.host() + ", not a host registered for " + a.name() + " (" + String.join(", ", a.hosts()) + ")");
                    }
                }
            }
        }

        for (LegalBasisCheck.Problem p : LegalBasisCheck.check(r, rules, date, runDate)) {
            add(p.kind(), r, null, entity, p.detail());
        }
        if (Boolean.TRUE.equals(r.sensitive())) {
            if (r.consentReference() == null) {
                add(FindingKind.SENSITIVE_WITHOUT_CONSENT, r, null, entity, "sensitive personal information (" + r.dataCategories()
                        + ") with an empty consent_reference");
            }
            if (r.piaReference() == null) {
                add(FindingKind.SENSITIVE_WITHOUT_PIA, r, null, entity, "sensitive personal information (" + r.dataCategories()
                        + ") with an empty pia_reference");
            }
        }
    }

    private void volumes(EgressEvidence egress, Map<VolumeKey, List<RowResult>> byVolume) {
        DistinctCounts c = egress.counts;
        int month = period.to.getMonthValue();
        for (int v = 0; v < egress.volumes.size(); v++) {
            VolumeKey key = egress.volumes.get(v);
            List<RowResult> rr = byVolume.getOrDefault(key, List.of());
            long declaredOnly = 0;
            long exemptDeclaredOnly = 0;
            long[] byMonth = new long[13];
            Map<String, Integer> onFile = new TreeMap<>();
            for (RowResult x : rr) {
                boolean hashed = x.egress().lines - x.egress().withoutHash > 0;
                boolean isExempt = EgressEvidence.exempt(x.row(), rules);
                if (!isExempt) {
                    onFile.merge(basisLabel(x.row()), 1, Integer::sum);
                }
                if (hashed) {
                    continue;
                }
                long declared = x.row().individuals() == null ? 0 : x.row().individuals();
                for (ShareEvidence s : x.shares()) {
                    declared = Math.max(declared, s.transfer().individuals());
                }
                if (isExempt) {
                    exemptDeclaredOnly += declared;
                } else {
                    declaredOnly += declared;
                    byMonth[x.row().date(period.zone).getMonthValue()] += declared;
                }
            }
            long exact = c.volume(v, DistinctCounts.COUNTED | DistinctCounts.UNDECLARED);
            long counted = exact + declaredOnly;
            long[] cumulative = new long[13];
            long run = 0;
            for (int m = 1; m <= 12; m++) {
                run += c.firstMonth[v][m] + byMonth[m];
                cumulative[m] = m <= month ? run : 0;
            }
            String required = rules.required(key.sensitive(), counted);
            RuleSet.Threshold next = rules.next(key.sensitive(), counted).orElse(null);
            RuleSet.Threshold reached = rules.reached(key.sensitive(), counted).orElse(null);
            StringBuilder files = new StringBuilder();
            onFile.forEach((b, k) -> files.append(files.isEmpty() ? "" : ", ").append(b).append(" ×").append(k));
            if (files.isEmpty() && !rr.isEmpty()) {
                files.append("(only exempt transfers)");
            }
            volumes.add(new VolumeResult(key, c.volume(v, DistinctCounts.COUNTED), c.volume(v, DistinctCounts.UNDECLARED), declaredOnly, counted,
                    c.volume(v, DistinctCounts.EXEMPT), exemptDeclaredOnly, required, next, reached, files.toString(), cumulative));

            String cls = key.sensitive() ? "sensitive" : "non-sensitive";
            for (RowResult x : rr) {
                if (EgressEvidence.exempt(x.row(), rules)) {
                    continue;
                }
                String level = providedLevel(x.row());
                if (level != null && rules.rank(level) < rules.rank(required)) {
                    Finding f = new Finding(FindingKind.MECHANISM_BELOW_REQUIRED, x.row().transferId(), x.row().location(), null, key.legalEntity(),
                            String.format("%,d", counted) + " individuals' " + cls + " personal information since " + period.from
                                    + " require " + rules.label(required) + " (" + (reached == null ? rules.name() : reached.citation() + ", "
                                    + String.format("%,d", reached.atLeast()) + " or more") + "); this transfer cites " + basisLabel(x.row())
                                    + ", which provides " + rules.label(level));
                    findings.add(f);
                    x.kinds().add(f.kind());
                }
            }
            if (next != null && counted >= settings.warningShare() * next.atLeast()) {
                findings.add(new Finding(FindingKind.THRESHOLD_WARNING, null, null, null, key.legalEntity(), String.format("%,d", counted)
                        + " individuals' " + cls + " personal information since " + period.from + " = "
                        + String.format("%.1f%%", 100.0 * counted / next.atLeast()) + " of the " + String.format("%,d", next.atLeast())
                        + " at which " + rules.label(next.requires()) + " is required (" + next.citation() + "); warning from "
                        + Tolerance.percent(settings.warningShare())));
            }
        }
    }

    /** The level a row's basis provides, or null when the basis is missing or unknown (reported already). */
    private String providedLevel(LedgerRow r) {
        if (r.legalBasis() == null) {
            return null;
        }
        if (r.legalBasis().equals(RuleSet.EXEMPTION)) {
            RuleSet.Exemption e = r.exemptionKind() == null ? null : rules.exemptions().get(r.exemptionKind());
            return e == null ? null : e.provides();
        }
        RuleSet.Mechanism m = rules.mechanisms().get(r.legalBasis());
        return m == null ? null : m.provides();
    }

    static String basisLabel(LedgerRow r) {
        if (r.legalBasis() == null) {
            return "(none)";
        }
        return r.legalBasis().equals(RuleSet.EXEMPTION) ? "exemption " + (r.exemptionKind() == null ? "(kind missing)" : r.exemptionKind())
                : r.legalBasis();
    }

    private static String n(Long v) {
        return v == null ? "?" : String.format("%,d", v);
    }
}
