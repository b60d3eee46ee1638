package io.custodia.inventory;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.RunContext;
import io.custodia.catalog.Dataset;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.util.concurrent.Executor;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One partition: scans the dataset its partition names, its files on {@code files} (shared by all the
 * partitions, so a big dataset's files spread over every thread), and keeps the counts in the step's
 * execution context.
 */
public record ScanDatasetTasklet(Executor files) implements Tasklet {
    static final String STATS_KEY = "inventory.stats";

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, InventoryJobConfiguration.JOB);
        String datasetName = contribution.getStepExecution().getExecutionContext().getString(InventoryJobConfiguration.PARTITION_KEY);
        Dataset dataset = run.jobFile().catalog().requireDataset(datasetName);
        CrashPoints.reached("inventory.scan." + datasetName);
        DatasetStats stats = DatasetScanner.scan(dataset, Storage.configuration(), files);
        contribution.getStepExecution().setReadCount(stats.rows());
        contribution.getStepExecution().getExecutionContext().putString(STATS_KEY, Json.MAPPER.writeValueAsString(stats));
        return RepeatStatus.FINISHED;
    }
}
