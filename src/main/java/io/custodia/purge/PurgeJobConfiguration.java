package io.custodia.purge;

import io.custodia.batch.BatchInfrastructure;
import io.custodia.batch.CustodiaProperties;
import io.custodia.batch.JobFile;
import io.custodia.batch.JobType;
import io.custodia.batch.RunOwner;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.parquet.DatasetFiles;
import io.custodia.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The purge job (seed 001 5.2, 7.1–7.3; seed 002 §16; seed 003 销毁流程; PIPL Art. 47): plan →
 * destroy, one partition per file the plan changes (rewrite, swap, overwrite, delete, each step
 * journaled) → certify (signed certificate, destruction ledger, erasure records, report). A dry run
 * stops after the plan and reports it.
 */
@Configuration
public class PurgeJobConfiguration {
    static final String JOB = "purge";
    static final String WORKER = "purge.file";
    static final String PARTITION_KEY = "file";
    static final String PLAN_KEY = "purge.plan";
    static final String SCOPE_KEY = "purge.scope";
    static final String APPROVAL_KEY = "purge.approval";
    /** Job parameter naming an approved plan to execute ({@code custodia purge execute}). */
    static final String PLAN_PARAMETER = "plan";

    @Bean
    public PurgeDirectories purgeDirectories(@Value("${custodia.purge-dir:${custodia.home}/var/purge}") String dir) {
        return new PurgeDirectories(Path.of(dir).toAbsolutePath().normalize());
    }

    @Bean
    public Step purgePlanStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, PurgeDirectories dirs) {
        return new StepBuilder("purge.plan", repository).tasklet(new PlanTasklet(workspace, dirs), tx).build();
    }

    @Bean
    @org.springframework.context.annotation.Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    public Partitioner purgePartitioner(PurgeDirectories dirs, @Value("#{jobExecutionContext['" + PLAN_KEY + "']}") String planId,
            @Value("#{jobExecutionContext['" + SCOPE_KEY + "']}") String scopeCode,
            @Value("#{jobParameters['dryRun']}") String dryRun) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            if (Boolean.parseBoolean(dryRun) || scopeCode == null || scopeCode.isEmpty()) {
                return partitions;
            }
            DestructionPlan plan = new PlanStore(dirs.plans()).load(planId);
            for (DestructionPlan.FilePlan f : plan.filesChangedBy(Scope.ofCode(scopeCode))) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(PARTITION_KEY, f.index());
                partitions.put(String.format("%06d", f.index()), ctx);
            }
            return partitions;
        };
    }

    @Bean
    SharedRegisters purgeSharedRegisters() {
        return new SharedRegisters();
    }

    @Bean
    RewriteSlots purgeRewriteSlots(CustodiaProperties properties) {
        return new RewriteSlots(properties.threads());
    }

    @Bean
    public Step purgeFileStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, PurgeDirectories dirs,
            SharedRegisters purgeSharedRegisters, RewriteSlots purgeRewriteSlots) {
        return new StepBuilder(WORKER, repository)
                .tasklet(new PurgeFileTasklet(workspace, dirs, purgeSharedRegisters, purgeRewriteSlots), tx).build();
    }

    @Bean
    public Step purgeDestroyStep(JobRepository repository, Step purgeFileStep, Partitioner purgePartitioner, CustodiaProperties properties,
            SharedRegisters purgeSharedRegisters) {
        return new StepBuilder("purge.destroy", repository)
                .listener(purgeSharedRegisters)
                .partitioner(WORKER, purgePartitioner)
                .step(purgeFileStep)
                // one worker more than rewrite slots: see RewriteSlots
                .taskExecutor(BatchInfrastructure.partitionExecutor(Math.max(1, properties.threads()) + 1))
                .build();
    }

    @Bean
    public Step purgeCertifyStep(JobRepository repository, PlatformTransactionManager tx, Workspace workspace, PurgeDirectories dirs) {
        return new StepBuilder("purge.certify", repository).tasklet(new CertifyTasklet(workspace, dirs), tx).build();
    }

    @Bean
    public Job purgeJob(JobRepository repository, Step purgePlanStep, Step purgeDestroyStep, Step purgeCertifyStep, RunOwner owner) {
        return new JobBuilder(JOB, repository)
                .listener(owner)
                .start(purgePlanStep)
                .next(purgeDestroyStep)
                .next(purgeCertifyStep)
                .build();
    }

    @Bean
    public JobType purgeJobType(Job purgeJob) {
        return JobType.of(JOB, purgeJob, file -> {
            PurgeSettings.from(file);
            Catalog catalog = file.catalog();
            CatalogRules.check(catalog);
            List<Dataset> all = new ArrayList<>(CatalogRules.purgeable(catalog));
            all.addAll(catalog.withRole(DatasetRole.ERASURE_REQUESTS));
            all.addAll(catalog.withRole(DatasetRole.LEGAL_HOLDS));
            for (Dataset ds : all) {
                DatasetFiles.checkSchema(ds, Storage.configuration());
            }
        });
    }
}
