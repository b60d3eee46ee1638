package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.RecipientRef;
import io.custodia.batch.CrashPoints;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.Signer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Makes the set: gathers every partition's entries (from this execution or, after a restart, from
 * the partitions an earlier one completed), checks every referenced object is in place, writes the
 * manifest, then its detached signature — last, so a set without a valid signature is never taken
 * for one — and records the set in the evidence ledger. Re-running after a crash at any point
 * finishes the same set: a signature already made for this run's set is kept, a ledger entry
 * already made is not repeated.
 */
public final class WriteSetTasklet implements Tasklet {
    static final String SUMMARY_KEY = "backup.summary";
    static final String CRASH_BEFORE_MANIFEST = "backup.before-manifest";
    static final String CRASH_BEFORE_SIGNATURE = "backup.before-signature";
    static final String CRASH_BEFORE_LEDGER = "backup.before-ledger";
    private final JobRepository repository;
    private final Workspace workspace;
    private final BackupRuns runs;

    public WriteSetTasklet(JobRepository repository, Workspace workspace, BackupRuns runs) {
        this.repository = repository;
        this.workspace = workspace;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext context = RunContext.of(chunkContext, BackupJobConfiguration.JOB);
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        BackupRuns.Run run = runs.of(job);
        BackupPlan plan = run.plan();
        if (context.dryRun()) {
            return RepeatStatus.FINISHED;
        }
        List<ManifestEntry> entries = new ArrayList<>(plan.reused());
        List<String> warnings = new ArrayList<>();
        long thisExecution = 0;
        long earlier = 0;
        for (BackupPlan.Partition p : plan.partitions()) {
            StepExecution part = repository.getLastStepExecution(job.getJobInstance(), BackupJobConfiguration.partitionStepName(p.key()));
            List<ManifestEntry> done = part == null ? List.of() : EncryptFilesTasklet.entries(part.getExecutionContext());
            if (part == null || part.getStatus() != BatchStatus.COMPLETED || done.size() != p.files().size()) {
                throw new IllegalStateException("partition " + p.key() + " of set " + plan.set() + " did not complete");
            }
            entries.addAll(done);
            warnings.addAll(EncryptFilesTasklet.strings(part.getExecutionContext(), EncryptFilesTasklet.WARNINGS_KEY));
            for (Map.Entry<String, Object> e : part.getExecutionContext().entrySet()) {
                if (e.getKey().equals(EncryptFilesTasklet.RESUMED_KEY)) {
                    earlier += ((Number) e.getValue()).longValue();
                } else if (e.getKey().startsWith(EncryptFilesTasklet.ENCRYPTED_PREFIX)) {
                    long n = ((Number) e.getValue()).longValue();
                    if (e.getKey().equals(EncryptFilesTasklet.ENCRYPTED_PREFIX + job.getId())) {
                        thisExecution += n;
                    } else {
                        earlier += n;
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(ManifestEntry::path));
        BackupStore store = run.store();
        checkObjects(store, entries);
        store.syncDirectories(entries.stream().map(ManifestEntry::object).toList());
        CrashPoints.reached(CRASH_BEFORE_MANIFEST);

        Signer signer = workspace.keys().signer();
        LoadedSet existing = store.load(plan.set(), signer.verifier());
        String manifestSha;
        boolean alreadySigned = existing.valid();
        if (alreadySigned) {
            if (!existing.manifest().uuid().equals(plan.uuid())) {
                throw new IllegalStateException("set " + plan.set() + " was completed by another run meanwhile; refusing to replace it");
            }
            manifestSha = existing.manifestSha256();
        } else {
            Manifest manifest = new Manifest(Manifest.FORMAT, plan.set(), plan.uuid(), context.jobFile().name(), context.runDate(), Instant.now(),
                    context.jobFile().catalog().company(), signer.keyId(), plan.recipients(), recipients(plan, run, entries), plan.datasets(), entries);
            byte[] bytes = BackupStore.toJson(manifest);
            store.writeDurably(store.manifestPath(plan.set()), bytes);
            CrashPoints.reached(CRASH_BEFORE_SIGNATURE);
            store.writeSignature(store.manifestPath(plan.set()), bytes, signer);
            manifestSha = Hashes.sha256Hex(bytes);
        }
        CrashPoints.reached(CRASH_BEFORE_LEDGER);

        int newObjects = 0;
        long newBytes = 0;
        int reusedUnchanged = plan.reused().size();
        for (ManifestEntry e : entries) {
            if (ManifestEntry.NEW.equals(e.stored())) {
                newObjects++;
                newBytes += e.ciphertextSize();
            }
        }
        int dedup = entries.size() - newObjects - reusedUnchanged;
        BackupSummary summary = new BackupSummary(plan.set(), manifestSha, entries.size(), entries.stream().mapToLong(ManifestEntry::size).sum(),
                newObjects, newBytes, reusedUnchanged, dedup, thisExecution, earlier, warnings,
                plan.recipients().stream().map(RecipientRef::fingerprint).toList(), alreadySigned);
        boolean recorded = workspace.ledger().entriesOfType(signer.verifier(), EntryTypes.BACKUP_SET).stream()
                .anyMatch(e -> plan.uuid().equals(e.body().path("uuid").asString()));
        if (!recorded) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("set", plan.set());
            body.put("uuid", plan.uuid());
            body.put("destination", store.root().toString());
            body.put("manifest", store.manifestPath(plan.set()).toString());
            body.put("manifestSha256", manifestSha);
            body.put("signingKey", signer.keyId());
            body.put("files", summary.files());
            body.put("bytes", summary.bytes());
            body.put("newObjects", newObjects);
            body.put("newCiphertextBytes", newBytes);
            body.put("reusedFiles", entries.size() - newObjects);
            body.put("recipients", summary.recipients());
            body.put("jobFile", context.jobFile().name());
            body.put("runDate", context.runDate().toString());
            body.put("execution", context.executionId());
            workspace.ledger().append(EntryTypes.BACKUP_SET, body, signer);
        }
        new Journal(store, plan.uuid()).remove();
        Temporaries.removeStale(store, repository, job.getId());
        job.getExecutionContext().putString(SUMMARY_KEY, Json.MAPPER.writeValueAsString(summary));
        return RepeatStatus.FINISHED;
    }

    /** Every referenced object must be in place with the size the manifest will state. */
    private static void checkObjects(BackupStore store, List<ManifestEntry> entries) {
        Set<String> seen = new LinkedHashSet<>();
        for (ManifestEntry e : entries) {
            if (!seen.add(e.object())) {
                continue;
            }
            FileStatus s = store.status(store.path(e.object())).orElseThrow(() -> new IllegalStateException(
                    "object " + e.object() + " (" + e.path() + ") disappeared before the set was signed; run the backup for a new date"));
            if (s.getLen() != e.ciphertextSize()) {
                throw new IllegalStateException("object " + e.object() + " (" + e.path() + ") is " + s.getLen() + " bytes, not the "
                        + e.ciphertextSize() + " written; it was changed by another process; run the backup for a new date");
            }
        }
    }

    /** Fingerprint → public key for every recipient that any referenced object is encrypted to. */
    private static List<RecipientRef> recipients(BackupPlan plan, BackupRuns.Run run, List<ManifestEntry> entries) {
        Map<String, RecipientRef> out = new LinkedHashMap<>();
        plan.recipients().forEach(r -> out.put(r.fingerprint(), r));
        for (ManifestEntry e : entries) {
            for (String fp : e.recipients()) {
                if (!out.containsKey(fp)) {
                    out.put(fp, new RecipientRef(fp, run.index().recipient(fp).orElseThrow(() -> new IllegalStateException(
                            "object " + e.object() + " names recipient " + fp + " that no signed set or rotation describes"))));
                }
            }
        }
        return List.copyOf(out.values());
    }
}
