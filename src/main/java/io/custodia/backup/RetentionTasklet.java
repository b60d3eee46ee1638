package io.custodia.backup;

import io.custodia.backup.retention.DestructionCertificate;
import io.custodia.backup.retention.ErasureOutcome;
import io.custodia.backup.retention.ObjectEraser;
import io.custodia.backup.retention.RetentionPlan;
import io.custodia.backup.retention.RetentionPlanner;
import io.custodia.backup.retention.RetentionSettings;
import io.custodia.backup.retention.RetentionSummary;
import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.step.tasklet.Tasklet;
import tools.jackson.core.type.TypeReference;

/**
 * Backup retention, after a successful set: plans which of this job's sets the keep policy lets go
 * and which objects no remaining set references, reports the plan, and — only with an approval in
 * the job file and not in a dry run — destroys them: each expired set is first moved out of sets/
 * (so it stops being a set before anything it references is touched), then each object is erased
 * (ObjectEraser), one per call so that a restart continues where it stopped, then a destruction
 * certificate goes into the evidence ledger.
 */
public final class RetentionTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(RetentionTasklet.class);
    static final String PLAN_KEY = "retention.plan";
    static final String OUTCOMES_KEY = "retention.outcomes";
    static final String CERTIFICATE_KEY = "retention.certificate";
    static final String SUMMARY_KEY = "backup.retention";
    private static final TypeReference<List<ErasureOutcome>> OUTCOMES = new TypeReference<>() {
    };
    private final Workspace workspace;
    private final BackupRuns runs;

    public RetentionTasklet(Workspace workspace, BackupRuns runs) {
        this.workspace = workspace;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext context = RunContext.of(chunkContext, BackupJobConfiguration.JOB);
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        RetentionSettings settings = BackupSettings.from(context.jobFile(), context.jobFile().catalog()).retention();
        if (settings == null) {
            return RepeatStatus.FINISHED;
        }
        BackupRuns.Run run = runs.of(job);
        BackupStore store = run.store();
        ExecutionContext ctx = contribution.getStepExecution().getExecutionContext();
        if (!ctx.containsKey(PLAN_KEY)) {
            RetentionPlan plan = plan(context, run, settings);
            ctx.putString(PLAN_KEY, Json.MAPPER.writeValueAsString(plan));
            log.info("retention: {} of {} sets expire; {} objects ({} bytes) to destroy, {} of them orphans", plan.expiredSets().size(),
                    plan.decisions().size(), plan.objects().size(), plan.bytes(), plan.orphans());
            if (context.dryRun() || !settings.approved()) {
                String mode = context.dryRun() ? RetentionSummary.PLAN_ONLY_DRY_RUN : RetentionSummary.PLAN_ONLY_UNAPPROVED;
                job.getExecutionContext().putString(SUMMARY_KEY, Json.MAPPER.writeValueAsString(new RetentionSummary(mode, plan, List.of(), null)));
                return RepeatStatus.FINISHED;
            }
            for (String set : plan.expiredSets()) {
                if (store.exists(store.setDir(set))) {
                    store.rename(store.setDir(set), trashDir(store, set));
                }
            }
            return RepeatStatus.CONTINUABLE;
        }
        RetentionPlan plan = Json.MAPPER.readValue(ctx.getString(PLAN_KEY), RetentionPlan.class);
        List<ErasureOutcome> outcomes = ctx.containsKey(OUTCOMES_KEY) ? new ArrayList<>(Json.MAPPER.readValue(ctx.getString(OUTCOMES_KEY), OUTCOMES))
                : new ArrayList<>();
        if (outcomes.size() < plan.objects().size()) {
            RetentionPlan.Target target = plan.objects().get(outcomes.size());
            outcomes.add(ObjectEraser.destroy(store, target.object(), settings.overwritePasses()));
            ctx.putString(OUTCOMES_KEY, Json.MAPPER.writeValueAsString(outcomes));
            contribution.incrementWriteCount(1);
            return RepeatStatus.CONTINUABLE;
        }
        for (String set : concat(plan.expiredSets(), plan.trashSets())) {
            store.delete(trashDir(store, set), true);
        }
        String certificate = ctx.containsKey(CERTIFICATE_KEY) ? ctx.getString(CERTIFICATE_KEY) : null;
        if (certificate == null && !outcomes.isEmpty() || certificate == null && !plan.expiredSets().isEmpty()) {
            certificate = DestructionCertificate.id(context.runDate(), context.jobFile().name(), context.executionId());
            Map<String, Object> body = DestructionCertificate.body(certificate, Instant.now(), workspace.properties().operator(), settings.approval(),
                    context.jobFile().name(), store.root().toString(), settings.keep(), plan, outcomes);
            workspace.ledger().append(EntryTypes.DESTRUCTION_CERTIFICATE, body, workspace.keys().signer());
            ctx.putString(CERTIFICATE_KEY, certificate);
        }
        job.getExecutionContext().putString(SUMMARY_KEY,
                Json.MAPPER.writeValueAsString(new RetentionSummary(RetentionSummary.EXECUTED, plan, outcomes, certificate)));
        return RepeatStatus.FINISHED;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Path trashDir(BackupStore store, String set) {
        return new Path(store.path(BackupStore.TRASH), set);
    }

    private RetentionPlan plan(RunContext context, BackupRuns.Run run, RetentionSettings settings) {
        BackupStore store = run.store();
        SignatureVerifier verifier = workspace.keys().verifier();
        List<Manifest> valid = store.validSets(verifier);
        List<RetentionPlanner.SetInfo> mine = new ArrayList<>();
        for (Manifest m : valid) {
            if (m.jobFile().equals(context.jobFile().name())) {
                mine.add(new RetentionPlanner.SetInfo(m.set(), m.runDate(), m.createdAt()));
            }
        }
        Set<String> kept = new HashSet<>();
        if (context.dryRun()) {
            // the set this run would have made counts as the newest, and keeps what it would reference
            mine.add(new RetentionPlanner.SetInfo(run.plan().set(), context.runDate(), Instant.now()));
            run.plan().reused().forEach(e -> kept.add(e.object()));
        }
        List<RetentionPlanner.Decision> decisions = RetentionPlanner.decide(mine, settings.keep());
        Set<String> expired = new TreeSet<>();
        decisions.stream().filter(d -> !d.keep()).forEach(d -> expired.add(d.set()));
        Map<String, Long> candidates = new LinkedHashMap<>();
        Set<String> datasets = new TreeSet<>();
        for (Manifest m : valid) {
            if (expired.contains(m.set())) {
                m.files().forEach(e -> candidates.put(e.object(), e.ciphertextSize()));
                m.files().stream().map(ManifestEntry::dataset).filter(d -> d != null).forEach(datasets::add);
            } else {
                m.files().forEach(e -> kept.add(e.object()));
            }
        }
        List<String> trash = new ArrayList<>();
        for (FileStatus s : store.list(store.path(BackupStore.TRASH))) {
            String set = s.getPath().getName();
            trash.add(set);
            try {
                Manifest m = Json.MAPPER.readValue(store.readAll(new Path(s.getPath(), BackupStore.MANIFEST)), Manifest.class);
                m.files().forEach(e -> candidates.put(e.object(), e.ciphertextSize()));
                m.files().stream().map(ManifestEntry::dataset).filter(d -> d != null).forEach(datasets::add);
            } catch (IOException | RuntimeException e) {
                log.warn("trash/{} has no readable manifest; its objects will be swept as orphans", set);
            }
        }
        List<RetentionPlan.Target> targets = new ArrayList<>();
        candidates.forEach((object, size) -> {
            if (!kept.contains(object)) {
                targets.add(new RetentionPlan.Target(object, size, "expired"));
            }
        });
        Instant orphanBefore = Instant.now().atZone(ZoneOffset.UTC).minus(settings.orphansAfter()).toInstant();
        for (FileStatus o : store.objects()) {
            String object = BackupStore.OBJECTS + "/" + o.getPath().getParent().getName() + "/" + o.getPath().getName();
            if (!kept.contains(object) && !candidates.containsKey(object) && o.getModificationTime() < orphanBefore.toEpochMilli()) {
                targets.add(new RetentionPlan.Target(object, o.getLen(), "orphan"));
            }
        }
        trash.removeAll(expired);
        return new RetentionPlan(decisions, List.copyOf(expired), trash, targets, List.copyOf(datasets));
    }
}
