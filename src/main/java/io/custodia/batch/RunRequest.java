package io.custodia.batch;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What the scheduler asks {@link JobRunner#runScheduled} for: the run's identity — job file, run
 * date, dry run, and for schedules that fire more than once a day the scheduled fire time (else
 * null) — and whether Quartz delivers this fire as a recovery of one whose node died.
 */
public record RunRequest(Path jobFile, LocalDate runDate, boolean dryRun, String fireTime, boolean recovering) {
    /** How the run is named in messages: its date, plus the fire time when that is part of its identity. */
    public String describe() {
        return fireTime == null ? runDate.toString() : runDate + " (fire " + fireTime + ")";
    }
}
