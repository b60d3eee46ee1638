package io.custodia.crossborder;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The last step: fails the run when the reconciliation found a finding of a kind the job file says
 * to fail on, after the report, the CSV and the ledger entry exist. A scheduler sees a non-zero exit
 * and alerts; running the same date again re-runs the whole reconciliation (the ledger may have been
 * corrected meanwhile).
 */
final class VerdictTasklet implements Tasklet {
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var ctx = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        String verdict = ctx.containsKey(ReconcileTasklet.VERDICT_KEY) ? ctx.getString(ReconcileTasklet.VERDICT_KEY) : null;
        if (verdict == null) {
            throw new IllegalStateException("the reconciliation step left no verdict; run the reconciliation again");
        }
        if (!verdict.isEmpty()) {
            throw new CriticalFindingsException("cross-border reconciliation: " + verdict);
        }
        return RepeatStatus.FINISHED;
    }

    /** Findings the job file marks as failing were found; the report is complete. */
    static final class CriticalFindingsException extends RuntimeException {
        CriticalFindingsException(String message) {
            super(message);
        }
    }
}
