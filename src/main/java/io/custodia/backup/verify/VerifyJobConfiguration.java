package io.custodia.backup.verify;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.PlanOrderSplitter;
import io.custodia.batch.RunOwner;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The recovery drill (seed 001 5.3: quarterly drills): plan (pick the set, check its signature,
 * draw the sample) → check the sampled objects in partitions, concurrently → report, and fail the
 * run naming the first problem when anything is wrong.
 */
@Configuration
public class VerifyJobConfiguration {
    static final String JOB = "verify";
    static final String CHECK_STEP = "verify.check";
    static final String WORKER = "verify.check.objects";
    static final String PARTITION_KEY = "partition";

    static String partitionStepName(String key) {
        return WORKER + ":" + key;
    }

    @Bean
    public Step verifyPlanStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace) {
        return new StepBuilder("verify.plan", repository).tasklet(new VerifyPlanTasklet(workspace), tx).build();
    }

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner verifyPartitioner(@Value("#{jobExecutionContext['" + VerifyPlanTasklet.PLAN_KEY + "']}") String planJson) {
        return gridSize -> {
            VerifyPlan plan = Json.MAPPER.readValue(planJson, VerifyPlan.class);
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (VerifyPlan.Part p : plan.partitions()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(PARTITION_KEY, p.key());
                partitions.put(p.key(), ctx);
            }
            return partitions;
        };
    }

    @Bean
    public Step verifyCheckObjectsStep(JobRepository repository, PlatformTransactionManager tx, VerifyRuns runs) {
        return new StepBuilder(WORKER, repository).tasklet(new CheckObjectsTasklet(runs), tx).build();
    }

    @Bean
    public Step verifyCheckStep(JobRepository repository, Step verifyCheckObjectsStep, Partitioner verifyPartitioner,
            TaskExecutor partitionExecutor) {
        return new StepBuilder(CHECK_STEP, repository)
                .partitioner(WORKER, verifyPartitioner)
                .splitter(new PlanOrderSplitter(new SimpleStepExecutionSplitter(repository, WORKER, verifyPartitioner)))
                .step(verifyCheckObjectsStep)
                .taskExecutor(partitionExecutor)
                .build();
    }

    @Bean
    public Step verifyReportStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, VerifyRuns runs) {
        return new StepBuilder("verify.report", repository).tasklet(new VerifyReportTasklet(repository, workspace, runs), tx).build();
    }

    @Bean
    public Job verifyJob(JobRepository repository, Step verifyPlanStep, Step verifyCheckStep, Step verifyReportStep, RunOwner owner) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .start(verifyPlanStep)
                .next(verifyCheckStep)
                .next(verifyReportStep)
                .build();
    }

    @Bean
    public JobType verifyJobType(Job verifyJob, Workspace workspace) {
        return JobType.of(JOB, verifyJob, file -> {
            VerifySettings settings = VerifySettings.from(file, workspace.keys());
            workspace.keys().verifier();
            Storage.fileSystem(settings.destination());
        });
    }
}
