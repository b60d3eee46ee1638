package io.custodia.backup;

import io.custodia.backup.retention.ErasureOutcome;
import io.custodia.backup.retention.RetentionPlanner;
import io.custodia.backup.retention.RetentionSummary;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Writes the backup report (set, incremental counts, throughput, retention plan and destruction) and releases the run's shared state. */
public final class BackupReportTasklet implements Tasklet {
    private final Workspace workspace;
    private final BackupRuns runs;

    public BackupReportTasklet(Workspace workspace, BackupRuns runs) {
        this.workspace = workspace;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext context = RunContext.of(chunkContext, BackupJobConfiguration.JOB);
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        BackupRuns.Run run = runs.of(job);
        BackupPlan plan = run.plan();
        var ctx = job.getExecutionContext();
        BackupSummary summary = ctx.containsKey(WriteSetTasklet.SUMMARY_KEY)
                ? Json.MAPPER.readValue(ctx.getString(WriteSetTasklet.SUMMARY_KEY), BackupSummary.class) : null;
        RetentionSummary retention = ctx.containsKey(RetentionTasklet.SUMMARY_KEY)
                ? Json.MAPPER.readValue(ctx.getString(RetentionTasklet.SUMMARY_KEY), RetentionSummary.class) : null;

        Instant started = job.getStartTime() == null ? Instant.now() : job.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
        RunReport.Builder report = RunReport.builder("backup", context.runId())
                .title((context.dryRun() ? "Backup plan (dry run) — " : "Backup set ") + plan.set() + " — " + context.jobFile().catalog().company())
                .source(context.jobFile().path().toString(), context.runDate().toString())
                .times(started, Instant.now())
                .fact("set", plan.set())
                .fact("destination", run.store().root().toString());
        if (summary != null) {
            report.fact("files", summary.files())
                    .fact("bytes backed up", summary.bytes())
                    .fact("new objects (encrypted and stored)", summary.newObjects())
                    .fact("new ciphertext bytes written", summary.newCiphertextBytes())
                    .fact("unchanged files referenced (not read: same size and modification time)", summary.reusedUnchanged())
                    .fact("changed files whose content was already stored (deduplicated)", summary.deduplicated())
                    .fact("objects encrypted in this execution", summary.encryptedThisExecution())
                    .fact("objects encrypted by an earlier, interrupted execution (not redone)", summary.encryptedEarlier())
                    .fact("manifest SHA-256", summary.manifestSha256())
                    .fact("recipients (fingerprints)", String.join(", ", summary.recipients()));
            summary.warnings().forEach(w -> report.note("warning: " + w));
        } else {
            report.fact("files unchanged since an earlier set", plan.reused().size())
                    .fact("files to encrypt", plan.filesToEncrypt())
                    .fact("bytes to encrypt", plan.bytesToEncrypt())
                    .fact("partitions", plan.partitions().size());
        }
        StepExecution encrypt = job.getStepExecutions().stream().filter(s -> s.getStepName().equals(BackupJobConfiguration.ENCRYPT_STEP))
                .findFirst().orElse(null);
        if (encrypt != null && encrypt.getStartTime() != null && encrypt.getEndTime() != null && summary != null
                && summary.encryptedEarlier() == 0) {
            double secs = Math.max(0.001, Duration.between(encrypt.getStartTime(), encrypt.getEndTime()).toMillis() / 1000.0);
            report.fact("encrypt step seconds", String.format("%.3f", secs))
                    .fact("encrypt throughput (MB/s of plaintext read and encrypted)", String.format("%.1f", plan.bytesToEncrypt() / 1e6 / secs));
        }
        report.fact("partitions (threads work on them concurrently)", plan.partitions().size());
        if (summary != null) {
            report.table("Datasets", List.of("dataset", "files", "bytes", "new objects", "referenced", "Parquet rows"), datasetRows(run, summary));
        }
        if (retention != null) {
            report.fact("retention", retention.mode())
                    .fact("sets expiring", retention.plan().expiredSets().size())
                    .fact("objects to destroy", retention.plan().objects().size())
                    .fact("bytes to destroy", retention.plan().bytes());
            if (retention.certificate() != null) {
                report.fact("objects destroyed", retention.outcomes().size()).fact("destruction certificate", retention.certificate());
            }
            List<List<Object>> decisions = new ArrayList<>();
            for (RetentionPlanner.Decision d : retention.plan().decisions()) {
                decisions.add(List.of(d.set(), d.runDate().toString(), d.keep() ? "keep" : "expire", String.join("; ", d.reasons())));
            }
            report.table("Retention: sets of this job file", List.of("set", "run date", "verdict", "kept by"), decisions);
            Map<String, long[]> methods = new TreeMap<>();
            for (ErasureOutcome o : retention.outcomes()) {
                long[] m = methods.computeIfAbsent(o.filesystem() + " — " + o.method(), k -> new long[3]);
                m[0]++;
                m[1] += o.bytes();
                m[2] += o.verified() && o.deleted() ? 1 : 0;
            }
            List<List<Object>> rows = new ArrayList<>();
            methods.forEach((k, v) -> rows.add(List.of(k, v[0], v[1], v[2])));
            report.table("Destruction achieved", List.of("filesystem and method", "objects", "bytes", "verified"), rows);
            if (retention.mode().equals(RetentionSummary.PLAN_ONLY_UNAPPROVED)) {
                report.note("Retention ran as a plan only: the job file's retention section has no approval. Review the plan above, then add "
                        + "`approval: <reference>` to destroy expired sets.");
            }
        }
        report.note("Each object is an age v1 file (X25519, ChaCha20-Poly1305): `age -d -i backup-identity.txt objects/ab/<sha256>.age` "
                + "decrypts it without Custodia, and `sha256sum` of the result equals the object's name.");
        report.note("The manifest is signed with Ed25519: `openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in manifest.json "
                + "-sigfile manifest.json.sig` checks it without Custodia. A set without a valid signature is not a set.");
        report.note("This host needs only the recipients' public keys to back up; it cannot decrypt what it wrote.");
        RunReport built = report.build();
        ReportWriter.Written written = workspace.reports().write(built);
        job.getExecutionContext().putString(JobRunner.REPORT_KEY, written.html().toString());
        runs.forget(job);
        return RepeatStatus.FINISHED;
    }

    private static List<List<Object>> datasetRows(BackupRuns.Run run, BackupSummary summary) {
        var loaded = run.store().load(summary.set(), run.verifier());
        Map<String, long[]> by = new TreeMap<>();
        if (loaded.valid()) {
            for (ManifestEntry e : loaded.manifest().files()) {
                long[] a = by.computeIfAbsent(e.dataset() == null ? "(" + e.path().substring(0, e.path().indexOf('/')) + ")" : e.dataset(),
                        k -> new long[5]);
                a[0]++;
                a[1] += e.size();
                a[2] += ManifestEntry.NEW.equals(e.stored()) ? 1 : 0;
                a[3] += ManifestEntry.NEW.equals(e.stored()) ? 0 : 1;
                a[4] += e.rows() == null ? 0 : e.rows();
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        by.forEach((k, a) -> rows.add(List.of(k, a[0], a[1], a[2], a[3], a[4])));
        return rows;
    }
}
