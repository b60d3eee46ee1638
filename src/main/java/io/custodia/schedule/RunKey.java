package io.custodia.schedule;

/**
 * What identifies the run a fire starts, besides its job file and dry-run flag. Runs are
 * idempotent per identity: a re-fire of the same identity resumes a failed run or does nothing.
 */
public enum RunKey {
    /** The fire's date in the schedule's time zone (the default; right for daily or rarer schedules). */
    DATE,
    /**
     * The date and the exact scheduled fire time, for schedules firing more than once a day: each
     * fire is its own run (with {@code date}, the second fire of a day would find the day complete).
     */
    FIRE_TIME;

    public String word() {
        return name().toLowerCase().replace('_', '-');
    }
}
