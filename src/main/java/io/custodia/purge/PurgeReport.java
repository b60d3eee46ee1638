package io.custodia.purge;

import io.custodia.batch.RunContext;
import io.custodia.evidence.RunReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The run report: the plan, what this run destroyed (or, dry or unapproved, would), what is held, what waits. */
final class PurgeReport {
    private PurgeReport() {
    }

    static RunReport build(RunContext run, DestructionPlan plan, Path planFile, Scope scope, Map<String, Object> approval,
            List<FileEntry> entries, Certifier.Issued issued, Instant started) {
        boolean executed = issued != null;
        Scope shown = executed || (!run.dryRun() && !scope.isEmpty()) ? scope : Scope.FULL;
        RunReport.Builder r = RunReport.builder("purge", run.runId())
                .title("Destruction " + (run.dryRun() ? "plan (dry run)" : "run") + " — " + plan.company())
                .source(run.jobFile().path().toString(), run.runDate().toString())
                .times(started, Instant.now());
        r.fact("plan", plan.id());
        r.fact("executed", run.dryRun() ? "nothing (dry run)" : scope.isEmpty() ? "nothing (no reason approved)" : scope.describe());
        r.fact("approval", approval.getOrDefault("kind", "none") + (approval.containsKey("approvedBy") ? " " + approval.get("approvedBy") : ""));
        r.fact("certificate", executed ? issued.id() + (issued.alreadyIssued() ? " (issued before)" : "") : "none");
        long deleted = 0;
        long redacted = 0;
        long values = 0;
        List<List<Object>> destroyed = new ArrayList<>();
        List<List<Object>> held = new ArrayList<>();
        List<List<Object>> waiting = new ArrayList<>();
        for (DestructionPlan.DatasetPlan d : plan.datasets()) {
            Outcome o = d.outcomes().get(shown.code());
            if (o == null) {
                continue;
            }
            for (Reason reason : Reason.values()) {
                Count c = o.destroyed(reason);
                if (c.zero()) {
                    continue;
                }
                deleted += c.rowsDeleted();
                redacted += c.rowsRedacted();
                values += c.values();
                destroyed.add(List.of(d.name(), reason.label(), "(rows)", c.rowsDeleted(), c.rowsRedacted(), c.values(), c.subjects()));
                c.levels().forEach((level, lc) -> destroyed.add(List.of(d.name(), reason.label(), level, "", lc.rows(), lc.values(), "")));
            }
            o.held().forEach((reason, c) -> held.add(List.of(d.name(), reason, c.rowsDeleted(), c.rowsRedacted(), c.values(), c.subjects())));
            if (!o.awaitingApproval().zero()) {
                Count c = o.awaitingApproval();
                waiting.add(List.of(d.name(), c.rowsDeleted(), c.values(), c.subjects()));
            }
        }
        String verb = executed ? "" : " (planned)";
        r.fact("rows destroyed" + verb, deleted);
        r.fact("rows stripped of expired levels" + verb, redacted);
        r.fact("values destroyed" + verb, values);
        r.fact("rows kept under legal hold", held.stream().mapToLong(l -> (Long) l.get(2) + (Long) l.get(3)).sum());
        r.fact("rows awaiting approval", waiting.stream().mapToLong(l -> (Long) l.get(1)).sum());
        if (executed) {
            r.fact("files destroyed", entries.size());
            r.fact("bytes overwritten and verified", entries.stream().filter(e -> e.wipe != null && e.wipe.verified()).mapToLong(e -> e.originalSize).sum());
            r.fact("erasure records", issued.erasureRecords());
        }
        r.table("Destroyed per dataset, reason and level" + verb, List.of("dataset", "reason", "level", "whole rows",
                "rows (with values of this level)", "values", "customers"), destroyed);
        r.table("Kept under a binding legal hold (would otherwise be destroyed)", List.of("dataset", "reason", "whole rows",
                "rows losing expired levels", "values", "customers"), held);
        r.table("Awaiting approval (erasure requests not pre-approved)", List.of("dataset", "rows", "values", "customers"), waiting);
        RegisterCounts reg = plan.registers();
        r.table("Registers on " + plan.runDate(), List.of("register", "state", "rows"), List.of(
                List.of("erasure requests", "approved, applied", reg.erasureApproved()),
                List.of("erasure requests", "not approved (ignored)", reg.erasureNotApproved()),
                List.of("erasure requests", "dated after the run date", reg.erasureAfterRunDate()),
                List.of("legal holds", "binding", reg.holdsBinding()),
                List.of("legal holds", "ended", reg.holdsEnded()),
                List.of("legal holds", "not yet started", reg.holdsNotYetStarted())));
        List<List<Object>> files = new ArrayList<>();
        for (FileEntry e : entries) {
            files.add(List.of(e.uri, e.dataset, e.originalSize, e.mode, e.wipe == null ? "" : String.join(", ", e.wipe.passes()),
                    e.wipe == null ? "" : e.wipe.verification(), e.category == null ? "" : e.category));
        }
        r.table("Files", List.of("file", "dataset", "bytes", "action", "passes", "verification", "category achieved"), files);
        r.note("Plan file: " + planFile + ". Counts only; no personal value is in the plan, this report or the certificate.");
        if (executed) {
            r.note("Certificate: " + issued.directory().resolve(Certifier.PAGE) + " (signed JSON beside it; entry destruction.certificate "
                    + "in the evidence ledger).");
        }
        if (!waiting.isEmpty() || (!executed && !run.dryRun() && scope.isEmpty())) {
            r.note("Waiting for a named approval: `custodia purge approve " + plan.id() + " --by NAME`, then `custodia purge execute "
                    + plan.id() + "` (refused if the inputs change in between; plan again then).");
        }
        r.note("Retention per level: when every level of a row has expired the row is destroyed; otherwise the values of the "
                + "expired levels are destroyed in place and the row keeps its keys and retention anchors for the levels still running.");
        r.note("Approved erasure requests destroy every row of the customer in every dataset with a subject key; a binding "
                + "legal hold keeps all of the customer's rows until it ends.");
        plan.notes().forEach(r::note);
        return r.build();
    }
}
