package io.custodia.share;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.RunOwner;
import io.custodia.batch.RunParameters;
import io.custodia.batch.Workspace;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.storage.Storage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The pseudonymized export (seed 001 6.1–6.3, seed 002 §14, PIPL Art. 38–39, 51): one partition
 * per source file counts the equivalence classes of the transformed quasi-identifiers; one step
 * takes the k-anonymity decision (and fails closed); one partition per source file transforms and
 * writes the records that may leave; one step publishes the export atomically with its signed
 * manifest and registers it. Every step may run again on a restart: each partition reuses its own
 * recorded result when the source file and the policy are unchanged.
 */
@org.springframework.context.annotation.Configuration
public class ShareJobConfiguration {
    static final String JOB = "share";
    static final String COUNT = "share.count";
    static final String WRITE = "share.write";
    static final String INDEX = "index";
    static final String FILE = "file";
    static final String INPUT_ROWS = "inputRows";

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner sharePartitioner(@Value("#{jobParameters['" + RunParameters.JOB_FILE + "']}") String jobFile) {
        return gridSize -> {
            SharePolicy policy = SharePolicyLoader.load(JobFile.load(Path.of(jobFile), Set.of(JOB)));
            var dataset = policy.source().dataset();
            List<FileStatus> files = DatasetFiles.list(dataset);
            Configuration conf = Storage.configuration();
            long inputRows = dataset.format() == DataFormat.PARQUET
                    ? files.stream().mapToLong(f -> ParquetRowReader.rowCount(f.getPath(), conf)).sum() : -1;
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(INDEX, i);
                ctx.putString(FILE, files.get(i).getPath().toString());
                ctx.putLong(INPUT_ROWS, inputRows);
                partitions.put(ShareWork.partName(i), ctx);
            }
            return partitions;
        };
    }

    @Bean
    public Step shareCountPartStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, ShareRunCache cache) {
        return new StepBuilder(COUNT + ".part", repository).tasklet(new CountClassesTasklet(workspace, cache), tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    public Step shareCountStep(JobRepository repository, Step shareCountPartStep, Partitioner sharePartitioner, TaskExecutor partitionExecutor) {
        return new StepBuilder(COUNT, repository).partitioner(COUNT + ".part", sharePartitioner).step(shareCountPartStep)
                .taskExecutor(partitionExecutor).allowStartIfComplete(true).build();
    }

    @Bean
    public Step shareAssessStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, ShareRunCache cache) {
        return new StepBuilder("share.assess", repository).tasklet(new AssessPrivacyTasklet(workspace, cache), tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    public Step shareWritePartStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, ShareRunCache cache) {
        return new StepBuilder(WRITE + ".part", repository).tasklet(new WritePartTasklet(workspace, cache), tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    public Step shareWriteStep(JobRepository repository, Step shareWritePartStep, Partitioner sharePartitioner, TaskExecutor partitionExecutor) {
        return new StepBuilder(WRITE, repository).partitioner(WRITE + ".part", sharePartitioner).step(shareWritePartStep)
                .taskExecutor(partitionExecutor).allowStartIfComplete(true).build();
    }

    @Bean
    public Step sharePublishStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, ShareRunCache cache) {
        return new StepBuilder("share.publish", repository).tasklet(new PublishTasklet(workspace, cache), tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    public Job shareJob(JobRepository repository, Step shareCountStep, Step shareAssessStep, Step shareWriteStep, Step sharePublishStep,
            RunOwner owner, ShareRunCache cache) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .listener(cache)
                .start(shareCountStep)
                .next(shareAssessStep)
                .next(shareWriteStep)
                .next(sharePublishStep)
                .build();
    }

    @Bean
    public JobType shareJobType(Job shareJob) {
        return JobType.of(JOB, shareJob, file -> {
            SharePolicy policy = SharePolicyLoader.load(file);
            Configuration conf = Storage.configuration();
            DatasetFiles.checkSchema(policy.source().dataset(), conf);
            if (policy.source().consent() != null) {
                DatasetFiles.checkSchema(policy.source().consent().dataset(), conf);
            }
        });
    }
}
