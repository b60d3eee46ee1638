package io.custodia.backup.verify;

import io.custodia.backup.BackupEntryTypes;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes the drill report — what was checked, what failed and why, the measured decryption rate and
 * how long a full restore of the set would take at that rate — and its evidence entry; then fails
 * the run if anything was found, so the scheduler and the operator see it.
 */
public final class VerifyReportTasklet implements Tasklet {
    private final JobRepository repository;
    private final Workspace workspace;
    private final VerifyRuns runs;

    public VerifyReportTasklet(JobRepository repository, Workspace workspace, VerifyRuns runs) {
        this.repository = repository;
        this.workspace = workspace;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext context = RunContext.of(chunkContext, VerifyJobConfiguration.JOB);
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        VerifyRuns.Run run = runs.of(job);
        VerifyPlan plan = run.plan();
        List<CheckResult> results = new ArrayList<>();
        for (VerifyPlan.Part p : plan.partitions()) {
            StepExecution part = repository.getLastStepExecution(job.getJobInstance(), VerifyJobConfiguration.partitionStepName(p.key()));
            if (part == null || part.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("drill partition " + p.key() + " did not complete");
            }
            results.addAll(CheckObjectsTasklet.results(part.getExecutionContext()));
        }
        List<CheckResult.Finding> problems = new ArrayList<>(plan.fatal());
        List<List<Object>> problemRows = new ArrayList<>();
        plan.fatal().forEach(f -> problemRows.add(List.of(plan.set(), "", f.problem().label(), f.detail())));
        List<List<Object>> checkedRows = new ArrayList<>();
        long cipherBytes = 0;
        long plainBytes = 0;
        long rows = 0;
        int parquet = 0;
        for (CheckResult r : results) {
            cipherBytes += r.ciphertextBytes();
            plainBytes += r.plaintextBytes();
            if (r.rows() != null) {
                rows += r.rows();
                parquet++;
            }
            for (CheckResult.Finding f : r.findings()) {
                problems.add(f);
                problemRows.add(List.of(r.object(), String.join(", ", r.paths()), f.problem().label(), f.detail()));
            }
            checkedRows.add(List.of(String.join(", ", r.paths()), r.ciphertextBytes(), r.rows() == null ? "" : r.rows(),
                    r.ok() ? "ok" : r.findings().getFirst().problem().label()));
        }
        StepExecution check = job.getStepExecutions().stream().filter(s -> s.getStepName().equals(VerifyJobConfiguration.CHECK_STEP))
                .findFirst().orElse(null);
        double secs = check == null || check.getStartTime() == null || check.getEndTime() == null ? 0
                : Duration.between(check.getStartTime(), check.getEndTime()).toMillis() / 1000.0;
        double rate = secs > 0 ? cipherBytes / secs : 0;
        boolean failed = !problems.isEmpty();
        long failedObjects = results.stream().filter(r -> !r.ok()).count();

        Instant started = job.getStartTime() == null ? Instant.now() : job.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
        RunReport.Builder report = RunReport.builder("verify", context.runId())
                .title("Recovery drill — set " + plan.set())
                .status(failed ? "FAILED" : "COMPLETED")
                .source(context.jobFile().path().toString(), context.runDate().toString())
                .times(started, Instant.now())
                .fact("result", failed ? "FAILED: " + problems.getFirst().problem().label() : "passed")
                .fact("set", plan.set())
                .fact("destination", run.store().root().toString())
                .fact("manifest", plan.manifestSha256() == null ? "not verified" : "signature valid (key " + plan.signingKey() + "), SHA-256 "
                        + plan.manifestSha256())
                .fact("objects in set", plan.objectsInSet())
                .fact("sample", String.format("%.0f%% (seed %d)", plan.sample() * 100, plan.seed()))
                .fact("objects checked", results.size())
                .fact("objects failed", failedObjects)
                .fact("ciphertext bytes read", cipherBytes)
                .fact("plaintext bytes decrypted and hashed", plainBytes)
                .fact("Parquet files opened", parquet)
                .fact("Parquet rows read", rows)
                .fact("measured rate (MB/s of ciphertext, decrypt + hash + Parquet read)", String.format("%.1f", rate / 1e6));
        if (rate > 0) {
            report.fact("estimated full restore of this set at that rate", Duration.ofMillis((long) (1000 * plan.ciphertextBytesInSet() / rate))
                    .toString().substring(2).toLowerCase() + " for " + plan.ciphertextBytesInSet() + " bytes");
        }
        report.table("Problems", List.of("object", "paths", "problem", "detail"), problemRows);
        report.table("Checked objects", List.of("paths", "ciphertext bytes", "Parquet rows", "result"), checkedRows);
        plan.damagedSets().forEach(d -> report.note("not a valid set: " + d));
        report.note("Every checked object was read whole, its SHA-256 compared with the signed manifest (or a signed key rotation), "
                + "decrypted with the drill's identity, its plaintext SHA-256 and size compared with the manifest, and every Parquet "
                + "file opened and read record by record. Decrypted Parquet was written to an owner-only scratch file, overwritten and deleted.");
        ReportWriter.Written written = workspace.reports().write(report.build());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("set", plan.set());
        body.put("destination", run.store().root().toString());
        body.put("manifestSha256", plan.manifestSha256());
        body.put("result", failed ? "failed" : "passed");
        body.put("objectsInSet", plan.objectsInSet());
        body.put("objectsChecked", results.size());
        body.put("objectsFailed", failedObjects);
        body.put("sample", plan.sample());
        body.put("seed", plan.seed());
        body.put("ciphertextBytes", cipherBytes);
        body.put("parquetRows", rows);
        body.put("problems", problems.stream().map(f -> f.problem().name()).distinct().toList());
        body.put("jobFile", context.jobFile().name());
        body.put("runDate", context.runDate().toString());
        body.put("report", written.directory().toString());
        body.put("reportSha256", written.jsonSha256());
        workspace.ledger().append(BackupEntryTypes.DRILL, body, workspace.keys().signer());
        job.getExecutionContext().putString(JobRunner.REPORT_KEY, written.html().toString());
        runs.forget(job);
        if (failed) {
            CheckResult.Finding first = problems.getFirst();
            throw new IllegalStateException("recovery drill FAILED for set " + plan.set() + ": " + first.problem().label() + " — " + first.detail()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems; see the report)" : ""));
        }
        return RepeatStatus.FINISHED;
    }
}
