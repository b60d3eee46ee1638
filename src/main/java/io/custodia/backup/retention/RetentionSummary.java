package io.custodia.backup.retention;

import java.util.List;

/** What the retention step planned and did, for the backup report. */
public record RetentionSummary(String mode, RetentionPlan plan, List<ErasureOutcome> outcomes, String certificate) {
    public RetentionSummary {
        outcomes = List.copyOf(outcomes);
    }

    public static final String PLAN_ONLY_DRY_RUN = "plan only (dry run)";
    public static final String PLAN_ONLY_UNAPPROVED = "plan only (no approval in the job file)";
    public static final String EXECUTED = "executed";
}
