package io.custodia.crossborder;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.RunOwner;
import io.custodia.batch.RunParameters;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.parquet.DatasetFiles;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
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
 * Cross-border transfer reconciliation (seed 002 §15, §18; PIPL Art. 38–40; CAC Provisions of
 * 2024-03-22): one partition per egress log file scans it into sorted fingerprint runs, one step
 * merges them, checks the declared ledger against the evidence and the rule set and writes the
 * report and its ledger entry, and a last step fails the run when the job file says the findings
 * must. Every step runs again on a restart: a reconciliation judges the ledger as it is now, and
 * its scratch files belong to one execution.
 */
@Configuration
public class ReconcileJobConfiguration {
    static final String JOB = "reconcile";
    static final String WORKER = "reconcile.egress";
    static final String PARTITION_KEY = "partition";
    static final String FILE_KEY = "file";

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner reconcilePartitioner(@Value("#{jobParameters['" + RunParameters.JOB_FILE + "']}") String jobFile,
            @Value("#{stepExecution.jobExecution.id}") Long executionId, JobRepository repository, Workspace workspace) {
        return gridSize -> {
            JobFile file = JobFile.load(Path.of(jobFile), Set.of(JOB));
            ReconcileSettings settings = ReconcileSettings.from(file);
            ReconcileInputs inputs = ReconcileInputs.of(file);
            Path dir = WorkDirectory.prepare(WorkDirectory.root(settings, workspace), executionId, id -> {
                JobExecution e = repository.getJobExecution(id);
                return e != null && e.isRunning();
            });
            List<FileStatus> files = DatasetFiles.list(inputs.egress());
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                String key = String.format("file-%05d", i);
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(PARTITION_KEY, key);
                ctx.putString(FILE_KEY, files.get(i).getPath().toString());
                partitions.put(key, ctx);
            }
            try {
                Files.writeString(dir.resolve(WorkDirectory.MANIFEST), Json.MAPPER.writeValueAsString(new ArrayList<>(partitions.keySet())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the partition manifest in " + dir + ": " + e.getMessage(), e);
            }
            return partitions;
        };
    }

    @Bean
    public Step reconcileEgressStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace) {
        return new StepBuilder(WORKER, repository).tasklet(new ScanEgressFileTasklet(workspace), tx).allowStartIfComplete(true).build();
    }

    @Bean
    public Step reconcileScanStep(JobRepository repository, Step reconcileEgressStep, Partitioner reconcilePartitioner,
            TaskExecutor partitionExecutor) {
        return new StepBuilder("reconcile.scan", repository)
                .partitioner(WORKER, reconcilePartitioner)
                .step(reconcileEgressStep)
                .taskExecutor(partitionExecutor)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step reconcileReportStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace) {
        return new StepBuilder("reconcile.report", repository)
                .tasklet(new ReconcileTasklet(workspace), tx)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step reconcileVerdictStep(JobRepository repository, PlatformTransactionManager tx) {
        return new StepBuilder("reconcile.verdict", repository).tasklet(new VerdictTasklet(), tx).allowStartIfComplete(true).build();
    }

    @Bean
    public Job reconcileJob(JobRepository repository, Step reconcileScanStep, Step reconcileReportStep, Step reconcileVerdictStep, RunOwner owner) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .start(reconcileScanStep)
                .next(reconcileReportStep)
                .next(reconcileVerdictStep)
                .build();
    }

    @Bean
    public JobType reconcileJobType(Job reconcileJob) {
        return JobType.of(JOB, reconcileJob, file -> {
            ReconcileSettings.from(file);
            ReconcileInputs inputs = ReconcileInputs.of(file);
            LedgerReader.checkDeclared(inputs.ledger());
            EgressLine.checkDeclared(inputs.egress());
            // the ledger's header (CSV) or footer (Parquet) must match; its rows are checked, and reported, by the run
            DatasetFiles.checkSchema(inputs.ledger(), Storage.configuration());
            DatasetFiles.list(inputs.egress());
        });
    }
}
