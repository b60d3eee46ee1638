package io.custodia.purge;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunContext;
import io.custodia.batch.RunOwner;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.evidence.ReportWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step: when files were destroyed, checks every one of them finished, issues the certificate
 * (once; see {@link Certifier}); in every case writes the run report, which for a dry run or an
 * execution awaiting approval is the plan itself.
 */
public final class CertifyTasklet implements Tasklet {
    private final Workspace workspace;
    private final PurgeDirectories dirs;

    CertifyTasklet(Workspace workspace, PurgeDirectories dirs) {
        this.workspace = workspace;
        this.dirs = dirs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, PurgeJobConfiguration.JOB);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        PlanStore store = new PlanStore(dirs.plans());
        DestructionPlan plan = store.load(execution.getExecutionContext().getString(PurgeJobConfiguration.PLAN_KEY));
        Scope scope = Scope.ofCode(execution.getExecutionContext().getString(PurgeJobConfiguration.SCOPE_KEY));
        @SuppressWarnings("unchecked")
        Map<String, Object> approval = Json.MAPPER.readValue(execution.getExecutionContext().getString(PurgeJobConfiguration.APPROVAL_KEY), Map.class);
        List<DestructionPlan.FilePlan> changed = run.dryRun() || scope.isEmpty() ? List.of() : plan.filesChangedBy(scope);

        Certifier.Issued issued = null;
        List<FileEntry> entries = List.of();
        if (!changed.isEmpty()) {
            PurgeJournal journal = new PurgeJournal(dirs.journal(FilePurger.executionKey(plan, scope)));
            entries = journal.files();
            for (DestructionPlan.FilePlan f : changed) {
                boolean done = entries.stream().anyMatch(e -> e.index == f.index() && e.at(FileEntry.DESTROYED));
                if (!done) {
                    throw new IllegalStateException(f.uri() + " has not been destroyed yet; no certificate is issued before every file is");
                }
            }
            CrashPoints.reached("purge.after-delete");
            String version = PurgeJobConfiguration.class.getPackage().getImplementationVersion();
            CertificateBuilder.Context ctx = new CertificateBuilder.Context("DC-" + FilePurger.executionKey(plan, scope),
                    store.sha256(plan.id()), scope, approval, workspace.properties().operator(), run.jobFile().path().toString(),
                    run.executionId(), RunOwner.localHost(), Wiper.TOOL + "; Custodia " + (version == null ? "development build" : version),
                    "subject-hash v" + workspace.keys().subjectHasher().keyId().keyVersion() + " (HKDF from the master key)");
            issued = new Certifier(workspace.properties().evidenceDir().toAbsolutePath(), workspace.ledger(), workspace.keys().signer())
                    .issue(journal, plan, ctx);
        }
        Instant started = execution.getStartTime() == null ? Instant.now() : execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
        ReportWriter.Written written = workspace.reports().write(PurgeReport.build(run, plan, store.file(plan.id()), scope, approval,
                entries, issued, started));
        execution.getExecutionContext().putString(JobRunner.REPORT_KEY, written.html().toString());
        if (issued != null) {
            execution.getExecutionContext().putString("purge.certificate", issued.directory().toString());
        }
        return RepeatStatus.FINISHED;
    }
}
