package io.custodia.backup.verify;

import io.custodia.backup.store.ManifestEntry;
import io.custodia.evidence.Json;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.type.TypeReference;

/** One partition of a drill: checks its objects one per call, keeping each result in the step's execution context. */
public final class CheckObjectsTasklet implements Tasklet {
    static final String RESULTS_KEY = "verify.results";
    private static final TypeReference<List<CheckResult>> RESULTS = new TypeReference<>() {
    };
    private final VerifyRuns runs;

    public CheckObjectsTasklet(VerifyRuns runs) {
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        JobExecution job = step.getJobExecution();
        VerifyRuns.Run run = runs.of(job);
        VerifyPlan.Part part = run.plan().part(step.getExecutionContext().getString(VerifyJobConfiguration.PARTITION_KEY));
        ExecutionContext ctx = step.getExecutionContext();
        List<CheckResult> done = results(ctx);
        if (done.size() >= part.objects().size()) {
            return RepeatStatus.FINISHED;
        }
        List<ManifestEntry> entries = part.objects().get(done.size());
        done.add(ObjectCheck.check(run.store(), run.index(), entries, run.identities(), run.scratch()));
        ctx.putString(RESULTS_KEY, Json.MAPPER.writeValueAsString(done));
        contribution.incrementReadCount();
        return done.size() < part.objects().size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    static List<CheckResult> results(ExecutionContext ctx) {
        return ctx.containsKey(RESULTS_KEY) ? new ArrayList<>(Json.MAPPER.readValue(ctx.getString(RESULTS_KEY), RESULTS)) : new ArrayList<>();
    }
}
