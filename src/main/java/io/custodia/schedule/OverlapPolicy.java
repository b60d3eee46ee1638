package io.custodia.schedule;

/**
 * What a fire does when the schedule's previous run is still going. Either way one job file never
 * runs twice at once ({@link io.custodia.batch.JobFileLock}); the policy decides whether the new
 * fire waits or is refused and reported.
 */
public enum OverlapPolicy {
    /**
     * The fire waits until the running one ends (Quartz {@code @DisallowConcurrentExecution},
     * enforced across every node of a cluster); then the misfire policy decides whether it still
     * runs (fire-once-now) or is skipped (skip, when it waited longer than the misfire threshold).
     */
    FORBID,
    /** The fire goes ahead at once; finding its job file running, it is refused and reported. */
    ALLOW;

    public String word() {
        return name().toLowerCase();
    }
}
