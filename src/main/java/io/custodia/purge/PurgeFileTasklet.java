package io.custodia.purge;

import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.storage.Storage;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** One partition: carries the file its partition names through {@link FilePurger}. */
public final class PurgeFileTasklet implements Tasklet {
    private final Workspace workspace;
    private final PurgeDirectories dirs;
    private final SharedRegisters registers;
    private final RewriteSlots slots;

    PurgeFileTasklet(Workspace workspace, PurgeDirectories dirs, SharedRegisters registers, RewriteSlots slots) {
        this.workspace = workspace;
        this.dirs = dirs;
        this.registers = registers;
        this.slots = slots;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        JobExecution job = step.getJobExecution();
        int index = step.getExecutionContext().getInt(PurgeJobConfiguration.PARTITION_KEY);
        DestructionPlan plan = new PlanStore(dirs.plans()).load(job.getExecutionContext().getString(PurgeJobConfiguration.PLAN_KEY));
        Scope scope = Scope.ofCode(job.getExecutionContext().getString(PurgeJobConfiguration.SCOPE_KEY));
        DestructionPlan.FilePlan file = plan.file(index);
        requireRulesUnchanged(plan);
        Catalog catalog = RunContext.of(chunkContext, PurgeJobConfiguration.JOB).jobFile().catalog();
        Dataset dataset = catalog.requireDataset(file.dataset());
        Configuration conf = Storage.configuration();
        RowClassifier classifier = new RowClassifier(dataset, registers.of(plan, catalog, conf), LocalDate.parse(plan.runDate()));
        PurgeJournal journal = new PurgeJournal(dirs.journal(FilePurger.executionKey(plan, scope)));
        FileEntry e = new FilePurger(plan, scope, journal, dataset, classifier, workspace.keys().subjectHasher(), conf, Clock.systemUTC(), slots)
                .purge(file);
        step.setReadCount(e.outcome.rowsIn());
        step.setWriteCount(e.newRows);
        return RepeatStatus.FINISHED;
    }

    /**
     * The job file, catalog and registers decide which rows go; a restart that skips the plan step
     * must still refuse when they changed. (Data files are checked one by one before each rewrite.)
     */
    static void requireRulesUnchanged(DestructionPlan plan) {
        for (InputFile in : plan.inputs()) {
            if (in.kind().equals("data")) {
                continue;
            }
            String diff = in.differenceFrom(InputFile.of(in.kind(), in.dataset(), URI.create(in.uri())));
            if (diff != null) {
                throw new FilePurger.InputsChangedException("plan " + plan.id() + " cannot be executed: " + diff
                        + " since it was planned; plan again");
            }
        }
    }
}
