package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.RecipientRef;
import io.custodia.batch.Progress;
import io.custodia.batch.Workspace;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.age.AgeRecipient;
import io.custodia.evidence.Json;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * What the steps of one backup execution share in memory: the plan (parsed once from the job's
 * execution context, where it is persisted), the destination, the index of signed objects and the
 * byte progress. Rebuilt from the persisted plan after a restart in a new process.
 */
@Component
public class BackupRuns {
    static final String PLAN_KEY = "backup.plan";
    private static final Logger log = LoggerFactory.getLogger(BackupRuns.class);
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Workspace workspace;

    public BackupRuns(Workspace workspace) {
        this.workspace = workspace;
    }

    /** One execution's shared state. */
    public record Run(BackupPlan plan, BackupStore store, ObjectIndex index, List<AgeRecipient> recipients, Progress progress,
            SignatureVerifier verifier) {
    }

    public Run of(JobExecution execution) {
        return runs.computeIfAbsent(execution.getId(), id -> load(execution));
    }

    public void forget(JobExecution execution) {
        runs.remove(execution.getId());
    }

    private Run load(JobExecution execution) {
        if (!execution.getExecutionContext().containsKey(PLAN_KEY)) {
            throw new IllegalStateException("execution " + execution.getId() + " has no backup plan: its plan step did not complete");
        }
        BackupPlan plan = Json.MAPPER.readValue(execution.getExecutionContext().getString(PLAN_KEY), BackupPlan.class);
        BackupStore store = BackupStore.open(URI.create(plan.destination()));
        SignatureVerifier verifier = workspace.keys().verifier();
        ObjectIndex index = store.index(verifier);
        List<AgeRecipient> recipients = plan.recipients().stream().map(RecipientRef::parse).toList();
        Progress progress = new Progress(log, "backup " + plan.set(), "bytes", plan.bytesToEncrypt());
        return new Run(plan, store, index, recipients, progress, verifier);
    }
}
