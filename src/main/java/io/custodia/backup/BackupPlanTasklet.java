package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.ObjectState;
import io.custodia.backup.store.RecipientRef;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.evidence.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Decides what tonight's set holds: lists every source file, references those unchanged since the
 * newest set that holds them (same location, size and modification time, object present and
 * signed for), and groups the rest into partitions to encrypt. The plan goes into the job's
 * execution context, so a restart resumes the same plan. Also removes temporary objects left by
 * executions that are no longer running (killed runs).
 */
public final class BackupPlanTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(BackupPlanTasklet.class);
    static final int MAX_FILES_PER_PARTITION = 256;
    private final JobRepository repository;
    private final Workspace workspace;

    public BackupPlanTasklet(JobRepository repository, Workspace workspace) {
        this.repository = repository;
        this.workspace = workspace;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, BackupJobConfiguration.JOB);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        Catalog catalog = run.jobFile().catalog();
        BackupSettings settings = BackupSettings.from(run.jobFile(), catalog);
        List<RecipientRef> recipients = settings.recipients(workspace.keys()).stream().map(RecipientRef::of).toList();
        BackupStore store = BackupStore.open(settings.destination());
        String set = setId(run);
        LoadedSet existing = store.load(set, workspace.keys().verifier());
        if (existing.valid()) {
            throw new IllegalStateException("the destination " + store.root() + " already holds a complete set " + set
                    + " (from an earlier run of this job file for " + run.runDate() + "); a job file makes one set per date");
        }
        ObjectIndex index = store.index(workspace.keys().verifier());

        List<ManifestEntry> reused = new ArrayList<>();
        List<SourceFile> toEncrypt = new ArrayList<>();
        for (SourceFile f : SourceListing.list(catalog, settings)) {
            Optional<ManifestEntry> unchanged = unchanged(store, index, f);
            if (unchanged.isPresent()) {
                reused.add(unchanged.get());
            } else {
                toEncrypt.add(f);
            }
        }
        String uuid = UUID.randomUUID().toString();
        BackupPlan plan = new BackupPlan(set, uuid, store.uri().toString(), recipients, SourceListing.datasets(catalog, settings), reused,
                partitions(toEncrypt, settings.partitionBytes()));
        execution.getExecutionContext().putString(BackupRuns.PLAN_KEY, Json.MAPPER.writeValueAsString(plan));
        log.info("backup {}: {} files unchanged since an earlier set, {} files ({} bytes) to encrypt in {} partitions{}", set, reused.size(),
                plan.filesToEncrypt(), plan.bytesToEncrypt(), plan.partitions().size(), run.dryRun() ? " — dry run, nothing will be written" : "");
        if (!run.dryRun()) {
            Temporaries.removeStale(store, repository, execution.getId());
        }
        return RepeatStatus.FINISHED;
    }

    /** One set per job file and run date: {@code 2026-11-25-nightly-backup}. */
    static String setId(RunContext run) {
        return run.runDate() + "-" + run.jobFile().name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The previous entry for this path, when the cheap checks say the file and its object have not changed. */
    private static Optional<ManifestEntry> unchanged(BackupStore store, ObjectIndex index, SourceFile f) {
        Optional<ManifestEntry> prev = index.previous(f.path());
        if (prev.isEmpty() || !prev.get().source().equals(f.source()) || prev.get().size() != f.size()
                || prev.get().modifiedAt() != f.modifiedAt()) {
            return Optional.empty();
        }
        ObjectState state = index.latest(prev.get().sha256()).orElseThrow();
        Optional<FileStatus> object = store.status(store.path(prev.get().object()));
        if (object.isEmpty() || object.get().getLen() != state.ciphertextSize()) {
            return Optional.empty();
        }
        return Optional.of(prev.get().reused(f.source(), f.modifiedAt(), state));
    }

    /** Big files alone, small ones together, so every partition is worth a thread; the biggest first. */
    static List<BackupPlan.Partition> partitions(List<SourceFile> files, long targetBytes) {
        List<SourceFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(SourceFile::path));
        List<List<SourceFile>> groups = new ArrayList<>();
        List<SourceFile> current = new ArrayList<>();
        long bytes = 0;
        for (SourceFile f : sorted) {
            if (f.size() >= targetBytes) {
                groups.add(List.of(f));
                continue;
            }
            current.add(f);
            bytes += f.size();
            if (bytes >= targetBytes || current.size() >= MAX_FILES_PER_PARTITION) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        // largest first: partitions start in this order, so the small ones fill the gaps at the end
        // instead of one big file running alone on one thread while the others sit idle
        groups.sort(Comparator.comparingLong((List<SourceFile> g) -> g.stream().mapToLong(SourceFile::size).sum()).reversed());
        List<BackupPlan.Partition> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add(new BackupPlan.Partition(String.format("p%05d", i + 1), groups.get(i)));
        }
        return out;
    }
}
