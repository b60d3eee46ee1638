package io.custodia.backup.verify;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.batch.Workspace;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/** What the steps of one drill share in memory: the plan, the destination, its object index and the identity. */
@Component
public class VerifyRuns {
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Workspace workspace;

    public VerifyRuns(Workspace workspace) {
        this.workspace = workspace;
    }

    /** One drill's shared state; {@code scratch} is the owner-only directory for decrypted Parquet. */
    public record Run(VerifyPlan plan, BackupStore store, ObjectIndex index, List<AgeIdentity> identities, Path scratch) {
    }

    public Run of(JobExecution execution) {
        return runs.computeIfAbsent(execution.getId(), id -> {
            VerifyPlan plan = Json.MAPPER.readValue(execution.getExecutionContext().getString(VerifyPlanTasklet.PLAN_KEY), VerifyPlan.class);
            BackupStore store = BackupStore.open(URI.create(plan.destination()));
            try {
                List<AgeIdentity> identities = plan.fatal().isEmpty() ? AgeIdentity.readAll(Path.of(plan.identity())) : List.of();
                Path scratch = workspace.properties().stateDir().toAbsolutePath().resolveSibling("tmp").resolve("drill-e" + id);
                return new Run(plan, store, store.index(workspace.keys().verifier()), identities, scratch);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the identity " + plan.identity() + ": " + e.getMessage(), e);
            }
        });
    }

    public void forget(JobExecution execution) {
        runs.remove(execution.getId());
    }
}
