package io.custodia.crossborder;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.Json;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.type.TypeReference;

/**
 * Gathers every partition's scan, merges the sorted runs into exact counts, runs the checks, and
 * writes the report, the exceptions CSV and the {@code reconcile.report} ledger entry. Leaves the
 * verdict (fail or not) in the job's execution context for {@link VerdictTasklet}.
 */
final class ReconcileTasklet implements Tasklet {
    static final String VERDICT_KEY = "reconcile.verdict";
    private final Workspace workspace;

    ReconcileTasklet(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, ReconcileJobConfiguration.JOB);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ReconcileSettings settings = ReconcileSettings.from(run.jobFile());
        ReconcileInputs inputs = ReconcileInputs.of(run.jobFile());
        ReconcilePeriod period = new ReconcilePeriod(run.runDate(), settings.zone());
        Path dir = WorkDirectory.of(WorkDirectory.root(settings, workspace), run.executionId());
        try {
            List<String> partitions = Json.MAPPER.readValue(dir.resolve(WorkDirectory.MANIFEST).toFile(), new TypeReference<List<String>>() { });
            List<EgressScan> scans = new ArrayList<>();
            for (String p : partitions) {
                Path summary = dir.resolve("part-" + p + ".json");
                if (!Files.exists(summary)) {
                    throw new IllegalStateException("the egress scan of partition " + p + " did not complete (no " + summary.getFileName() + ")");
                }
                scans.add(Json.MAPPER.readValue(summary.toFile(), EgressScan.class));
            }
            LedgerReader.Result ledger = LedgerReader.read(inputs.ledger(), Storage.configuration(), inputs.locations());
            EgressEvidence egress = EgressEvidence.assemble(scans, scans.stream().map(s -> dir).toList(), ledger.rows(), settings,
                    settings.zone(), dir, Reconciliation.declaredVolumes(ledger.rows(), settings, period));
            List<ShareEvidence> shares = settings.shareEntries() ? ShareEvidence.read(workspace.ledger(), workspace.keys().verifier()) : List.of();
            Reconciliation result = Reconciliation.run(settings, period, run.runDate(), ledger, scans, egress, shares);
            ReconcileReport.Verdict verdict = ReconcileReport.Verdict.of(result.findings, settings.failOn());
            CrashPoints.reached("reconcile.report");

            // the same directory ReportWriter writes to: the CSV goes first so that the report can carry its hash
            Path reportDir = workspace.properties().reportsDir().toAbsolutePath().resolve(ReconcileJobConfiguration.JOB).resolve(run.runId());
            String csvSha = ReconcileReport.writeCsv(reportDir, result.findings);
            Instant started = execution.getStartTime() == null ? Instant.now() : execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
            RunReport.Builder builder = RunReport.builder(ReconcileJobConfiguration.JOB, run.runId())
                    .title("Cross-border transfer reconciliation — " + inputs.catalog().company() + " — " + period.from + " to " + period.to)
                    .source(run.jobFile().path().toString(), run.runDate().toString())
                    .times(started, Instant.now());
            ReconcileReport.Counts counts = new ReconcileReport.Counts(ledger.rows().size(), ledger.files(), scans, shares.size(), egress.runs,
                    egress.extraPasses, inputs.ledger().column(LedgerReader.OPTIONAL_BYTES).isPresent());
            RunReport report = ReconcileReport.build(builder, settings, period, result, verdict, counts, csvSha);
            ReportWriter.Written written = workspace.reports().write(report);
            Map<String, Object> body = ReconcileReport.ledgerBody(run.jobFile().name(), run.runDate(), run.executionId(), period, settings.rules(),
                    counts, result, verdict, written.directory(), written.jsonSha256(), csvSha);
            workspace.ledger().append(EntryTypes.RECONCILE_REPORT, body, workspace.keys().signer());

            execution.getExecutionContext().putString(JobRunner.REPORT_KEY, written.html().toString());
            execution.getExecutionContext().putString(VERDICT_KEY, verdict.fails()
                    ? verdict.critical() + " critical finding(s) and " + verdict.warnings() + " warning(s); failing kinds: " + verdict.describe()
                    + " — see " + written.html() + " and " + written.directory().resolve(ReconcileReport.CSV)
                    + " (to report without failing, set fail-on in " + run.jobFile().path().getFileName() + ")"
                    : "");
            contribution.getStepExecution().setReadCount(counts.lines());
            contribution.getStepExecution().getExecutionContext().putString("report", written.html().toString());
            return RepeatStatus.FINISHED;
        } finally {
            WorkDirectory.delete(dir);
        }
    }
}
