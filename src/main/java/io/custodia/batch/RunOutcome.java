package io.custodia.batch;

import org.springframework.batch.core.BatchStatus;

/** What happened when a run was asked for. {@code alreadyDone} means nothing was run: that night is complete. */
public record RunOutcome(long executionId, BatchStatus status, String exitCode, String message, String report, boolean alreadyDone) {
    public boolean succeeded() {
        return status == BatchStatus.COMPLETED;
    }
}
