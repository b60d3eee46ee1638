package io.custodia.share;

import io.custodia.catalog.Tag;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.privacy.RiskFigures;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * The run report of a share: what was asked (recipient, purpose, approval, legal basis, allow-list
 * with transforms and overrides), what the privacy check found (ARX-style figures before and after
 * suppression), what was published (files, rows, individuals) or why nothing was. Counts, column
 * names and hashes only.
 */
final class ShareReport {
    private ShareReport() {
    }

    static ReportWriter.Written refused(ShareRun share, PrivacyOutcome privacy, ChunkContext chunk) {
        RunReport.Builder r = base(share, privacy, chunk, "REFUSED");
        r.fact("published", "nothing (failed closed)");
        privacy.refusals().forEach(x -> r.note("Refused: " + x + "."));
        figures(r, share.policy(), privacy);
        columns(r, share.policy(), privacy.rejectedInQuasiIdentifiers(), "values nulled by the transform (quasi-identifiers, first pass)");
        notes(r);
        return share.workspace().reports().write(r.build());
    }

    static ReportWriter.Written dryRun(ShareRun share, PrivacyOutcome privacy, ChunkContext chunk) {
        RunReport.Builder r = base(share, privacy, chunk, "DRY-RUN");
        r.fact("published", "nothing (dry run)");
        r.fact("records that would be published", privacy.after().records());
        figures(r, share.policy(), privacy);
        columns(r, share.policy(), privacy.rejectedInQuasiIdentifiers(), "values nulled by the transform (quasi-identifiers, first pass)");
        notes(r);
        return share.workspace().reports().write(r.build());
    }

    static ReportWriter.Written published(ShareRun share, PrivacyOutcome privacy, ChunkContext chunk, ShareRegister.Published p,
            List<ShareManifest.DataFile> files, Map<String, Long> rejected) {
        RunReport.Builder r = base(share, privacy, chunk, "COMPLETED");
        r.fact("published records", p.rows());
        r.fact("distinct individuals", p.individuals());
        r.fact("export", p.object());
        r.fact("export id", p.exportId());
        r.fact("manifest SHA-256", p.manifestSha256());
        figures(r, share.policy(), privacy);
        columns(r, share.policy(), rejected, "values nulled by the transform");
        r.table("Published files", List.of("file", "rows", "bytes", "SHA-256"),
                files.stream().map(f -> List.<Object>of(f.name(), f.rows(), f.bytes(), f.sha256())).toList());
        r.note("The export directory appeared in one rename with its signed manifest (manifest.json, Ed25519 signature manifest.json.sig); "
                + "check it with: openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in manifest.json -sigfile manifest.json.sig");
        notes(r);
        return share.workspace().reports().write(r.build());
    }

    private static RunReport.Builder base(ShareRun share, PrivacyOutcome privacy, ChunkContext chunk, String status) {
        SharePolicy policy = share.policy();
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        Instant started = execution.getStartTime() == null ? Instant.now()
                : execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
        RunReport.Builder r = RunReport.builder("share", share.run().runId())
                .title("Pseudonymized export " + policy.name() + " for " + policy.recipient().name() + " (" + policy.recipient().country() + ")")
                .status(status)
                .source(share.run().jobFile().path().toString(), share.run().runDate().toString())
                .times(started, Instant.now())
                .fact("recipient", policy.recipient().name() + " (" + policy.recipient().id() + ")")
                .fact("recipient country", policy.recipient().country())
                .fact("cross-border transfer", policy.crossBorderTransfer()
                        ? "yes — " + policy.crossBorder().legalBasis() + " " + policy.crossBorder().basisReference()
                                + ", impact assessment " + policy.crossBorder().piaReference()
                        : "no (mainland China)")
                .fact("purpose", policy.purpose())
                .fact("approval reference", policy.approval())
                .fact("exporting entity", policy.legalEntity())
                .fact("source dataset", policy.source().dataset().name())
                .fact("row filter", filter(policy))
                .fact("rows read", privacy.rowsRead())
                .fact("rows passing the filter", privacy.candidates())
                .fact("suppressed records (k-anonymity)", privacy.suppressedRecords())
                .fact("suppression", String.format("%.2f%% (limit %.2f%%)", 100 * privacy.suppressionShare(),
                        100 * policy.privacy().model().maxSuppression()))
                .fact("k", policy.privacy().model().k())
                .fact("quasi-identifiers", String.join(", ", policy.privacy().quasiIdentifiers()))
                .fact("sensitive data (PIPL Art. 28) leaves", policy.carriesSensitive() ? "yes" : "no")
                .fact("overrides", policy.overrides().size())
                .fact("policy SHA-256", policy.jobFileSha256());
        if (policy.privacy().model().l() > 0) {
            r.fact("l-diversity", "l=" + policy.privacy().model().l() + " on " + policy.privacy().sensitiveAttribute()
                    + " (" + privacy.lDiversityClasses() + " classes suppressed for it)");
        }
        if (!policy.overrides().isEmpty()) {
            r.table("Overrides (columns that leave unchanged although core, sensitive or identifying)", List.of("column", "source", "reason"),
                    policy.overrides().stream().map(c -> List.<Object>of(c.name(), c.source().name(), c.override())).toList());
        }
        return r;
    }

    private static String filter(SharePolicy policy) {
        List<String> parts = new ArrayList<>();
        policy.source().where().forEach(c -> parts.add(c.column() + " in " + c.values().stream().map(String::valueOf).sorted().toList()));
        if (policy.source().consent() != null) {
            parts.add("active '" + policy.source().consent().purpose() + "' consent in " + policy.source().consent().dataset().name());
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static void figures(RunReport.Builder r, SharePolicy policy, PrivacyOutcome p) {
        RiskFigures b = p.before();
        RiskFigures a = p.after();
        r.fact("equivalence classes (published)", a.classes());
        r.fact("smallest class (published)", a.smallestClass());
        r.fact("prosecutor risk highest / average (published)", String.format("%.4f / %.4f", a.highestRisk(), a.averageRisk()));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("records", b.records(), a.records()));
        rows.add(List.of("equivalence classes", b.classes(), a.classes()));
        rows.add(List.of("smallest class", b.smallestClass(), a.smallestClass()));
        rows.add(List.of("largest class", b.largestClass(), a.largestClass()));
        rows.add(List.of(String.format("records at risk (prosecutor risk > %.4f)", b.riskThreshold()), b.recordsAtRisk(), a.recordsAtRisk()));
        rows.add(List.of("prosecutor risk, highest", fmt(b.highestRisk()), fmt(a.highestRisk())));
        rows.add(List.of("prosecutor risk, average", fmt(b.averageRisk()), fmt(a.averageRisk())));
        rows.add(List.of("sample uniqueness (unique records)", pct(b.sampleUniqueness()) + " (" + b.uniqueRecords() + ")",
                pct(a.sampleUniqueness()) + " (" + a.uniqueRecords() + ")"));
        r.table("Re-identification risk (prosecutor model), before and after suppression", List.of("figure", "candidates", "published"), rows);
        r.chart(new RunReport.Bars("Suppression against the policy's limit", "% of records",
                List.of(new RunReport.Bar("suppressed", 100 * p.suppressionShare(), 100 * policy.privacy().model().maxSuppression()))));
    }

    private static void columns(RunReport.Builder r, SharePolicy policy, Map<String, Long> rejected, String rejectedTitle) {
        List<List<Object>> rows = new ArrayList<>();
        for (OutputColumn c : policy.columns()) {
            String params = c.transform().parameters().entrySet().stream().filter(e -> !e.getKey().equals("algorithm"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            rows.add(List.of(c.name(), c.source().name(), c.source().level().label(),
                    c.source().tags().stream().map(Tag::label).sorted().collect(Collectors.joining(", ")), c.transform().kind(), params,
                    policy.privacy().quasiIdentifiers().contains(c.name()) ? "yes" : "",
                    rejected.containsKey(c.name()) ? rejected.get(c.name()) : ""));
        }
        r.table("Allow-list (nothing else leaves)", List.of("output column", "source column", "level", "tags", "transform", "parameters",
                "quasi-identifier", rejectedTitle), rows);
    }

    private static void notes(RunReport.Builder r) {
        r.note("Method: a first pass reads only the filter and quasi-identifier columns, applies their transforms and counts equivalence "
                + "classes by 128-bit fingerprint; the whole decision (k-anonymity, l-diversity, suppression limit, risk) is taken before "
                + "anything is written. A second pass transforms every allow-listed column, leaves out the suppressed classes and writes to a "
                + "hidden directory that is renamed into place with its signed manifest. Suppression removes whole classes, so every "
                + "published class keeps at least k records.");
        r.note("Risk figures follow ARX's prosecutor model: a record's risk is 1 / the size of its equivalence class; 'sample uniqueness' "
                + "is the share of records alone in their class.");
        r.note("Keys are derived per recipient, sharing purpose, key column and key version (HKDF-SHA-256 from the master key): another "
                + "recipient's tokens for the same customers differ and cannot be joined with these.");
    }

    private static String fmt(double d) {
        return String.format("%.4f", d);
    }

    private static String pct(double d) {
        return String.format("%.2f%%", 100 * d);
    }

    static Map<String, Long> sum(List<WrittenPart> parts) {
        Map<String, Long> out = new LinkedHashMap<>();
        parts.forEach(p -> p.rejected().forEach((k, v) -> out.merge(k, v, Long::sum)));
        return out;
    }
}
