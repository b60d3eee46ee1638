package io.custodia.inventory;

import io.custodia.batch.CustodiaProperties;
import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.RunOwner;
import io.custodia.batch.RunParameters;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.parquet.DatasetFiles;
import io.custodia.storage.Storage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
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
 * The personal-data inventory (seed 003 分类、编码; a GDPR Art. 30 analogue): one partition per
 * dataset scans it, then one step writes the report and its evidence entry. A restart re-runs only
 * the partitions and the report step that had not completed.
 */
@Configuration
public class InventoryJobConfiguration {
    static final String JOB = "inventory";
    static final String WORKER = "inventory.dataset";
    static final String PARTITION_KEY = "dataset";

    static String partitionStepName(String dataset) {
        return WORKER + ":" + dataset;
    }

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner inventoryPartitioner(@Value("#{jobParameters['" + RunParameters.JOB_FILE + "']}") String jobFile) {
        return gridSize -> {
            JobFile file = JobFile.load(Path.of(jobFile), Set.of(JOB));
            Catalog catalog = file.catalog();
            Map<String, ExecutionContext> partitions = new HashMap<>();
            for (String name : InventorySettings.from(file, catalog).datasets()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(PARTITION_KEY, name);
                partitions.put(name, ctx);
            }
            return partitions;
        };
    }

    /**
     * Reads the files of every dataset being scanned: as many threads as partitions, and the partition
     * threads only wait for their files, so all the threads stay busy until the last file.
     */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService inventoryFileReaders(CustodiaProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.threads(),
                r -> Thread.ofPlatform().name("inventory-files-" + n.incrementAndGet()).daemon().unstarted(r));
    }

    @Bean
    public Step inventoryDatasetStep(JobRepository repository, PlatformTransactionManager tx, ExecutorService inventoryFileReaders) {
        return new StepBuilder(WORKER, repository).tasklet(new ScanDatasetTasklet(inventoryFileReaders), tx).build();
    }

    @Bean
    public Step inventoryScanStep(JobRepository repository, Step inventoryDatasetStep, Partitioner inventoryPartitioner,
            TaskExecutor partitionExecutor) {
        return new StepBuilder("inventory.scan", repository)
                .partitioner(WORKER, inventoryPartitioner)
                .step(inventoryDatasetStep)
                .taskExecutor(partitionExecutor)
                .build();
    }

    @Bean
    public Step inventoryReportStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace) {
        return new StepBuilder("inventory.report", repository)
                .tasklet(new InventoryReportTasklet(repository, workspace), tx)
                .build();
    }

    @Bean
    public Job inventoryJob(JobRepository repository, Step inventoryScanStep, Step inventoryReportStep, RunOwner owner) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .start(inventoryScanStep)
                .next(inventoryReportStep)
                .build();
    }

    @Bean
    public JobType inventoryJobType(Job inventoryJob) {
        return JobType.of(JOB, inventoryJob, file -> {
            Catalog catalog = file.catalog();
            for (String name : InventorySettings.from(file, catalog).datasets()) {
                DatasetFiles.checkSchema(catalog.requireDataset(name), Storage.configuration());
            }
        });
    }
}
