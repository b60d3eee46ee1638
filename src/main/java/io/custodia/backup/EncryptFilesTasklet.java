package io.custodia.backup;

import io.custodia.backup.store.ManifestEntry;
import io.custodia.batch.RunContext;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.type.TypeReference;

/**
 * One partition: encrypts its files in order, a few per call. After each call the step's execution
 * context (entries so far) is committed, and after each file the destination's progress journal
 * records it, so a restart continues with the next file and never encrypts a completed file again.
 */
public final class EncryptFilesTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(EncryptFilesTasklet.class);
    static final String ENTRIES_KEY = "backup.entries";
    static final String WARNINGS_KEY = "backup.warnings";
    static final String ENCRYPTED_PREFIX = "backup.encrypted.e";
    static final String RESUMED_KEY = "backup.resumed";
    /** Progress is committed to the job repository after this many files or bytes (the journal covers the rest). */
    static final int FILES_PER_COMMIT = 16;
    static final long BYTES_PER_COMMIT = 8L << 20;
    private static final TypeReference<List<ManifestEntry>> ENTRIES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final BackupRuns runs;

    public EncryptFilesTasklet(BackupRuns runs) {
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext context = RunContext.of(chunkContext, BackupJobConfiguration.JOB);
        StepExecution step = contribution.getStepExecution();
        JobExecution job = step.getJobExecution();
        BackupRuns.Run run = runs.of(job);
        BackupPlan.Partition partition = run.plan().partition(step.getExecutionContext().getString(BackupJobConfiguration.PARTITION_KEY));
        ExecutionContext ctx = step.getExecutionContext();
        List<ManifestEntry> done = entries(ctx);
        if (context.dryRun() || done.size() >= partition.files().size()) {
            return RepeatStatus.FINISHED;
        }
        Journal journal = new Journal(run.store(), run.plan().uuid());
        long bytes = 0;
        int files = 0;
        List<String> warnings = new ArrayList<>(strings(ctx, WARNINGS_KEY));
        while (done.size() < partition.files().size() && files < FILES_PER_COMMIT && bytes < BYTES_PER_COMMIT) {
            SourceFile file = partition.files().get(done.size());
            files++;
            bytes += file.size();
            var earlier = journal.completed(file);
            if (earlier.isPresent()) {
                // an earlier attempt placed this object but the job repository lost the commit that said so
                done.add(earlier.get());
                ctx.putLong(RESUMED_KEY, ctx.getLong(RESUMED_KEY, 0L) + 1);
            } else {
                ObjectWriter.Written w = ObjectWriter.write(run.store(), run.index(), file, run.recipients(), job.getId(), Storage.configuration());
                journal.record(w.entry());
                done.add(w.entry());
                if (w.encrypted()) {
                    String key = ENCRYPTED_PREFIX + job.getId();
                    ctx.putLong(key, ctx.getLong(key, 0L) + 1);
                }
                if (w.warning() != null) {
                    warnings.add(w.warning());
                    log.warn(w.warning());
                }
            }
            contribution.incrementWriteCount(1);
            run.progress().add(file.size());
        }
        ctx.putString(ENTRIES_KEY, Json.MAPPER.writeValueAsString(done));
        ctx.putString(WARNINGS_KEY, Json.MAPPER.writeValueAsString(warnings));
        return done.size() < partition.files().size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    static List<ManifestEntry> entries(ExecutionContext ctx) {
        return ctx.containsKey(ENTRIES_KEY) ? new ArrayList<>(Json.MAPPER.readValue(ctx.getString(ENTRIES_KEY), ENTRIES)) : new ArrayList<>();
    }

    static List<String> strings(ExecutionContext ctx, String key) {
        return ctx.containsKey(key) ? Json.MAPPER.readValue(ctx.getString(key), STRINGS) : List.of();
    }
}
