package io.custodia.backup;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.PlanOrderSplitter;
import io.custodia.batch.RunOwner;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.config.ConfigException;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
 * The nightly encrypted backup (seed 001 5.3, seed 002 §12): plan (what changed since the last
 * set) → encrypt the changed files in partitions, concurrently → write and sign the set → apply the
 * keep policy to older sets (destroying expired ones only with an approval) → report. A restart
 * resumes the same plan: completed partitions and, inside a partition, completed files are not
 * encrypted again.
 */
@Configuration
public class BackupJobConfiguration {
    static final String JOB = "backup";
    static final String ENCRYPT_STEP = "backup.encrypt";
    static final String WORKER = "backup.encrypt.files";
    static final String PARTITION_KEY = "partition";

    static String partitionStepName(String key) {
        return WORKER + ":" + key;
    }

    @Bean
    public Step backupPlanStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace) {
        return new StepBuilder("backup.plan", repository).tasklet(new BackupPlanTasklet(repository, workspace), tx).build();
    }

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner backupPartitioner(@Value("#{jobExecutionContext['" + BackupRuns.PLAN_KEY + "']}") String planJson) {
        return gridSize -> {
            BackupPlan plan = Json.MAPPER.readValue(planJson, BackupPlan.class);
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (BackupPlan.Partition p : plan.partitions()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(PARTITION_KEY, p.key());
                partitions.put(p.key(), ctx);
            }
            return partitions;
        };
    }

    @Bean
    public Step backupEncryptFilesStep(JobRepository repository, PlatformTransactionManager tx, BackupRuns runs) {
        return new StepBuilder(WORKER, repository).tasklet(new EncryptFilesTasklet(runs), tx).build();
    }

    @Bean
    public Step backupEncryptStep(JobRepository repository, Step backupEncryptFilesStep, Partitioner backupPartitioner,
            TaskExecutor partitionExecutor) {
        return new StepBuilder(ENCRYPT_STEP, repository)
                .partitioner(WORKER, backupPartitioner)
                .splitter(new PlanOrderSplitter(new SimpleStepExecutionSplitter(repository, WORKER, backupPartitioner)))
                .step(backupEncryptFilesStep)
                .taskExecutor(partitionExecutor)
                .build();
    }

    @Bean
    public Step backupSetStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, BackupRuns runs) {
        return new StepBuilder("backup.set", repository).tasklet(new WriteSetTasklet(repository, workspace, runs), tx).build();
    }

    @Bean
    public Step backupRetentionStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, BackupRuns runs) {
        return new StepBuilder("backup.retention", repository).tasklet(new RetentionTasklet(workspace, runs), tx).build();
    }

    @Bean
    public Step backupReportStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, BackupRuns runs) {
        return new StepBuilder("backup.report", repository).tasklet(new BackupReportTasklet(workspace, runs), tx).build();
    }

    @Bean
    public Job backupJob(JobRepository repository, Step backupPlanStep, Step backupEncryptStep, Step backupSetStep,
            Step backupRetentionStep, Step backupReportStep, RunOwner owner) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .start(backupPlanStep)
                .next(backupEncryptStep)
                .next(backupSetStep)
                .next(backupRetentionStep)
                .next(backupReportStep)
                .build();
    }

    @Bean
    public JobType backupJobType(Job backupJob, Workspace workspace) {
        return JobType.of(JOB, backupJob, file -> {
            Catalog catalog = file.catalog();
            BackupSettings settings = BackupSettings.from(file, catalog);
            settings.recipients(workspace.keys());
            workspace.keys().signer();
            Storage.fileSystem(settings.destination());
            String dest = withSlash(settings.destination());
            List<URI> places = new ArrayList<>(settings.extraPaths());
            settings.datasets().forEach(d -> places.add(catalog.requireDataset(d).location()));
            for (URI place : places) {
                if (dest.startsWith(withSlash(place))) {
                    throw destinationError(file, settings, "is inside " + place + ", which it backs up");
                }
            }
            for (SourceFile f : SourceListing.list(catalog, settings)) {
                if (withSlash(URI.create(f.source())).startsWith(dest)) {
                    throw destinationError(file, settings, "holds a file it would back up (" + f.source() + ")");
                }
            }
        });
    }

    private static ConfigException destinationError(JobFile file, BackupSettings settings, String problem) {
        return new ConfigException(file.section().orElseThrow().require("destination").location() + ": the destination "
                + settings.destination() + " " + problem + "; back up to a place outside the data (off-site in production)");
    }

    private static String withSlash(URI uri) {
        String s = uri.normalize().toString().replace("file:///", "file:/");
        return s.endsWith("/") ? s : s + "/";
    }
}
