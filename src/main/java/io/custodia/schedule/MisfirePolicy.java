package io.custodia.schedule;

import org.quartz.CronTrigger;

/**
 * What happens to a fire that could not happen on time — the scheduler was down, or (with
 * {@code overlap: forbid}) the previous run of the schedule was still going. Required in every
 * schedule file: the operator decides, not a library default.
 */
public enum MisfirePolicy {
    /** Run it once as soon as possible, however many fires were missed (Quartz FIRE_ONCE_NOW). */
    FIRE_ONCE_NOW(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Do not run it late; wait for the next scheduled time (Quartz DO_NOTHING). */
    SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

    private final int quartzInstruction;

    MisfirePolicy(int quartzInstruction) {
        this.quartzInstruction = quartzInstruction;
    }

    public int quartzInstruction() {
        return quartzInstruction;
    }

    /** The word used in schedule files. */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }
}
