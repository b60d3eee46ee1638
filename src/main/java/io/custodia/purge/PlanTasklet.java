package io.custodia.purge;

import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: plans (or, for {@code purge execute}, re-plans and checks the result is the approved plan:
 * same id means same inputs), stores the plan, and decides the scope this execution may destroy:
 * everything when the plan has a named approval in the ledger, otherwise what the job file
 * pre-approves. Needs the signing and master keys before anything is destroyed, not after.
 */
public final class PlanTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);
    private final Workspace workspace;
    private final PurgeDirectories dirs;

    PlanTasklet(Workspace workspace, PurgeDirectories dirs) {
        this.workspace = workspace;
        this.dirs = dirs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, PurgeJobConfiguration.JOB);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        String wanted = execution.getJobParameters().getString(PurgeJobConfiguration.PLAN_PARAMETER);
        if (!run.dryRun()) {
            workspace.keys().signer();
            workspace.keys().subjectHasher();
        }
        PlanStore store = new PlanStore(dirs.plans());
        DestructionPlan fresh = Planner.plan(run.jobFile(), run.runDate(), Storage.configuration(), Clock.systemUTC(),
                workspace.properties().threads());
        if (wanted != null && !wanted.equals(fresh.id())) {
            throw new FilePurger.InputsChangedException("plan " + wanted + " cannot be executed: its inputs changed since it was planned ("
                    + PlanDifferences.describe(store.load(wanted), fresh) + "); nothing was destroyed. Plan again with "
                    + "`custodia purge plan " + run.jobFile().path() + " --date " + run.runDate() + "` and approve the new plan");
        }
        DestructionPlan plan = store.save(fresh);
        String sha = store.sha256(plan.id());
        Optional<Approval> approval = workspace.keys().path(io.custodia.crypto.KeyDirectory.SIGNING_PUB).toFile().exists()
                ? Approvals.find(workspace.ledger(), workspace.keys().verifier(), plan.id(), sha) : Optional.empty();
        PurgeSettings settings = PurgeSettings.from(run.jobFile());
        Scope scope = approval.isPresent() ? Scope.FULL : settings.autoApprove();
        if (wanted != null && approval.isEmpty()) {
            throw new IllegalStateException("plan " + wanted + " has no approval in the evidence ledger; approve it with "
                    + "`custodia purge approve " + wanted + " --by NAME` first (nothing was destroyed)");
        }
        Map<String, Object> approvalInfo = new LinkedHashMap<>();
        if (approval.isPresent()) {
            approvalInfo.put("kind", "named approver");
            approvalInfo.put("approvedBy", approval.get().approvedBy());
            approvalInfo.put("approvedAt", approval.get().approvedAt());
            approvalInfo.put("planSha256", sha);
            approvalInfo.put("note", approval.get().note());
        } else if (!scope.isEmpty()) {
            approvalInfo.put("kind", "pre-approved by policy");
            approvalInfo.put("basis", "auto-approve: " + String.join(", ", scope.reasons().stream().map(Reason::autoApproveWord).sorted().toList())
                    + " in " + run.jobFile().path() + " (SHA-256 " + plan.inputs().getFirst().sha256() + ")");
            approvalInfo.put("reasons", scope.reasons().stream().map(Reason::label).sorted().toList());
        } else {
            approvalInfo.put("kind", "none");
        }
        if (!run.dryRun() && !scope.isEmpty() && !plan.filesChangedBy(scope).isEmpty()) {
            Executions.requireNoOtherUnfinished(dirs, plan, scope);
            Executions.begin(dirs, plan, scope, run.executionId());
        }
        execution.getExecutionContext().putString(PurgeJobConfiguration.PLAN_KEY, plan.id());
        execution.getExecutionContext().putString(PurgeJobConfiguration.SCOPE_KEY, scope.code());
        execution.getExecutionContext().putString(PurgeJobConfiguration.APPROVAL_KEY, Json.MAPPER.writeValueAsString(approvalInfo));
        log.info("purge plan {} for {}: {}; executing {}{}", plan.id(), run.runDate(), store.file(plan.id()), scope.describe(),
                run.dryRun() ? " (dry run: nothing)" : "");
        return RepeatStatus.FINISHED;
    }
}
