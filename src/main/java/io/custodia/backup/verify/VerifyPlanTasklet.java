package io.custodia.backup.verify;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Picks the set (named, or the newest valid one), checks its signature, checks the identity can be
 * read, and draws the sample: a share of the set's distinct objects, at random but reproducibly
 * (seeded by set and run date, recorded in the report). Any set in the destination that is not a
 * valid set is listed too.
 */
public final class VerifyPlanTasklet implements Tasklet {
    static final String PLAN_KEY = "verify.plan";
    private static final long PARTITION_BYTES = 64L << 20;
    private static final int PARTITION_OBJECTS = 64;
    private final Workspace workspace;

    public VerifyPlanTasklet(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, VerifyJobConfiguration.JOB);
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        VerifySettings settings = VerifySettings.from(run.jobFile(), workspace.keys());
        BackupStore store = BackupStore.open(settings.destination());
        SignatureVerifier verifier = workspace.keys().verifier();
        List<LoadedSet> all = store.loadAll(verifier);
        List<String> damaged = all.stream().filter(s -> !s.valid()).map(LoadedSet::describe).toList();
        List<CheckResult.Finding> fatal = new ArrayList<>();

        LoadedSet target;
        if (settings.set().equals(VerifySettings.LATEST)) {
            target = all.stream().filter(LoadedSet::valid)
                    .filter(s -> settings.jobFile() == null || s.manifest().jobFile().equals(settings.jobFile()))
                    .max(Comparator.comparing((LoadedSet s) -> s.manifest().createdAt())).orElse(null);
            if (target == null) {
                fatal.add(new CheckResult.Finding(Problem.SET_NOT_FOUND, "no valid set in " + store.root()
                        + (settings.jobFile() == null ? "" : " made by job file " + settings.jobFile())
                        + (damaged.isEmpty() ? "" : "; damaged: " + String.join("; ", damaged))));
            }
        } else {
            target = store.load(settings.set(), verifier);
            switch (target.status()) {
                case VALID -> { }
                case NOT_FOUND -> fatal.add(new CheckResult.Finding(Problem.SET_NOT_FOUND, target.describe() + " in " + store.root()));
                case UNSIGNED -> fatal.add(new CheckResult.Finding(Problem.MANIFEST_UNSIGNED, target.describe()));
                case BAD_SIGNATURE -> fatal.add(new CheckResult.Finding(Problem.MANIFEST_EDITED, target.describe()));
                case MALFORMED -> fatal.add(new CheckResult.Finding(Problem.MANIFEST_MALFORMED, target.describe()));
            }
        }
        try {
            AgeIdentity.readAll(settings.identity());
        } catch (NoSuchFileException e) {
            fatal.add(new CheckResult.Finding(Problem.IDENTITY_UNUSABLE, "no identity file at " + settings.identity()));
        } catch (IOException e) {
            fatal.add(new CheckResult.Finding(Problem.IDENTITY_UNUSABLE, settings.identity() + ": " + e.getMessage()));
        }

        List<VerifyPlan.Part> parts = List.of();
        String setId = target == null ? settings.set() : target.id();
        long seed = Hashes.sha256Hex(setId + "/" + run.runDate()).hashCode();
        int objects = 0;
        long bytes = 0;
        Manifest m = target != null && target.valid() ? target.manifest() : null;
        if (m != null) {
            Map<String, List<ManifestEntry>> byObject = new LinkedHashMap<>();
            m.files().forEach(e -> byObject.computeIfAbsent(e.object(), k -> new ArrayList<>()).add(e));
            objects = byObject.size();
            bytes = byObject.values().stream().mapToLong(l -> l.getFirst().ciphertextSize()).sum();
            if (fatal.isEmpty()) {
                parts = partitions(sample(new ArrayList<>(byObject.values()), settings.sample(), seed));
            }
        }
        VerifyPlan plan = new VerifyPlan(store.uri().toString(), setId, target == null ? null : target.manifestSha256(),
                m == null ? null : m.signingKey(), objects, bytes, settings.sample(), seed, settings.identity().toString(), parts, fatal, damaged);
        job.getExecutionContext().putString(PLAN_KEY, Json.MAPPER.writeValueAsString(plan));
        return RepeatStatus.FINISHED;
    }

    static List<List<ManifestEntry>> sample(List<List<ManifestEntry>> objects, double share, long seed) {
        if (share >= 1.0) {
            return objects;
        }
        List<List<ManifestEntry>> shuffled = new ArrayList<>(objects);
        Collections.shuffle(shuffled, new Random(seed));
        int n = (int) Math.max(1, Math.ceil(objects.size() * share));
        List<List<ManifestEntry>> picked = new ArrayList<>(shuffled.subList(0, Math.min(n, shuffled.size())));
        picked.sort(Comparator.comparing(l -> l.getFirst().object()));
        return picked;
    }

    /** Biggest objects first, so the partitions that take longest start first (keys give the start order). */
    static List<VerifyPlan.Part> partitions(List<List<ManifestEntry>> objects) {
        List<List<ManifestEntry>> bySize = new ArrayList<>(objects);
        bySize.sort(Comparator.comparingLong((List<ManifestEntry> o) -> o.getFirst().ciphertextSize()).reversed()
                .thenComparing(o -> o.getFirst().object()));
        List<VerifyPlan.Part> out = new ArrayList<>();
        List<List<ManifestEntry>> current = new ArrayList<>();
        long bytes = 0;
        for (List<ManifestEntry> o : bySize) {
            current.add(o);
            bytes += o.getFirst().ciphertextSize();
            if (bytes >= PARTITION_BYTES || current.size() >= PARTITION_OBJECTS) {
                out.add(new VerifyPlan.Part(String.format("p%05d", out.size() + 1), current));
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            out.add(new VerifyPlan.Part(String.format("p%05d", out.size() + 1), current));
        }
        return out;
    }
}
