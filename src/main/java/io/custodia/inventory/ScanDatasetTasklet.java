package io.custodia.inventory;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.RunContext;
import io.custodia.catalog.Dataset;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** One partition: scans the dataset its partition names and keeps the counts in the step's execution context. */
public final class ScanDatasetTasklet implements Tasklet {
    static final String STATS_KEY = "inventory.stats";

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, InventoryJobConfiguration.JOB);
        String datasetName = contribution.getStepExecution().getExecutionContext().getString(InventoryJobConfiguration.PARTITION_KEY);
        Dataset dataset = run.jobFile().catalog().requireDataset(datasetName);
        CrashPoints.reached("inventory.scan." + datasetName);
        DatasetStats stats = DatasetScanner.scan(dataset, Storage.configuration());
        contribution.getStepExecution().setReadCount(stats.rows());
        contribution.getStepExecution().getExecutionContext().putString(STATS_KEY, Json.MAPPER.writeValueAsString(stats));
        return RepeatStatus.FINISHED;
    }
}
