package io.custodia.batch;

import java.time.LocalDate;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The identity of a run: its job file and its run date (and whether it is a dry run). All three
 * are identifying, so the same night fired twice is the same JobInstance — resumed if it failed,
 * refused if it completed — and never a duplicate.
 */
public record RunParameters(String jobFile, LocalDate runDate, boolean dryRun) {
    public static final String JOB_FILE = "jobFile";
    public static final String RUN_DATE = "runDate";
    public static final String DRY_RUN = "dryRun";
    /**
     * Optional, identifying: the scheduled fire time, for schedules that fire more than once a day
     * ({@code run-key: fire-time}); a day-granular run date alone would make their fires one run.
     */
    public static final String FIRE_TIME = "fireTime";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(JOB_FILE, jobFile, true)
                .addLocalDate(RUN_DATE, runDate, true)
                .addString(DRY_RUN, Boolean.toString(dryRun), true)
                .toJobParameters();
    }

    public static RunParameters from(JobParameters p) {
        return new RunParameters(p.getString(JOB_FILE), p.getLocalDate(RUN_DATE), Boolean.parseBoolean(p.getString(DRY_RUN)));
    }
}
