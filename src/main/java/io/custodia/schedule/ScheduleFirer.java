package io.custodia.schedule;

import io.custodia.batch.JobFileBusyException;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunOutcome;
import io.custodia.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Carries out a fire: runs the schedule's job file through the {@link JobRunner} with the fire's
 * date (in the schedule's zone) as run date — so a re-fire of the same night resumes or does
 * nothing, never runs twice — and writes what came of it to the scheduler report.
 */
@Component
public class ScheduleFirer implements FireHandler {
    /** Later than this and the report says the fire was late, and why if it can tell. */
    static final Duration LATE = Duration.ofSeconds(10);
    private final JobRunner runner;
    private final SchedulerEvents events;

    public ScheduleFirer(JobRunner runner, SchedulerEvents events) {
        this.runner = runner;
        this.events = events;
    }

    @Override
    public FireResult fire(Fire fire) {
        Schedule s = fire.schedule();
        String when = fire.intendedText();
        StringBuilder note = new StringBuilder(fire.schedule().jobFile().getFileName().toString());
        if (fire.recovering()) {
            note.append("; recovering this fire: the scheduler node that started it stopped checking in");
        }
        if (fire.lateBy().compareTo(LATE) > 0) {
            note.append("; ").append(lateReason(s, fire.intended().toInstant(), fire.lateBy()));
        }
        events.record(s.name(), "fired", when, null, note.toString());
        FireResult result;
        try {
            RunOutcome o = runner.runScheduled(s.request(fire.intended(), fire.recovering()));
            if (o.alreadyDone()) {
                result = new FireResult(FireResult.Kind.NOOP, o.executionId(), o.message());
            } else if (o.succeeded()) {
                result = new FireResult(FireResult.Kind.COMPLETED, o.executionId(), o.report() == null ? "" : "report " + o.report());
            } else {
                result = new FireResult(FireResult.Kind.FAILED, o.executionId(), o.status() + ": " + o.message()
                        + "; it resumes at the next fire for the same run, or now with `./custodia restart " + o.executionId() + "`");
            }
        } catch (JobFileBusyException e) {
            result = new FireResult(FireResult.Kind.REFUSED, null, e.getMessage() + " (overlap: " + s.overlap().word() + ")");
        } catch (ConfigException e) {
            result = new FireResult(FireResult.Kind.FAILED, null, "configuration error: " + e.getMessage());
        } catch (RuntimeException e) {
            result = new FireResult(FireResult.Kind.FAILED, null, JobRunner.rootMessage(e));
        }
        events.record(s.name(), result.word(), when, result.executionId(), result.message());
        return result;
    }

    /** Records a fire that was missed and, by its policy, either skipped or about to run late. */
    public void missed(Schedule s, Instant missed, Optional<Instant> next) {
        String reason = lateReason(s, missed, null);
        String what = s.misfire() == MisfirePolicy.SKIP
                ? "not run (misfire: skip)" + next.map(n -> "; next fire " + Schedule.FIRE_TIME.format(n.atZone(s.zone()))).orElse("")
                : "running it once now (misfire: fire-once-now)";
        events.record(s.name(), "missed", Schedule.FIRE_TIME.format(missed.atZone(s.zone())), null, reason + "; " + what);
    }

    /** Why a fire came late: the previous run of the job file still going at that time, if the JobRepository says so. */
    String lateReason(Schedule s, Instant at, Duration late) {
        String prefix = late == null ? "missed" : "fired " + late.toSeconds() + " s late";
        try {
            for (JobExecution e : runner.executionsOf(s.jobFile(), 5)) {
                Instant start = e.getStartTime() == null ? null : e.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant();
                Instant end = e.getEndTime() == null ? null : e.getEndTime().atZone(java.time.ZoneId.systemDefault()).toInstant();
                if (start != null && !start.isAfter(at) && (end == null || end.isAfter(at))) {
                    return prefix + ": the previous run of this job file (execution " + e.getId() + ") was still running at that time"
                            + (end == null ? "" : " (it ended " + Schedule.FIRE_TIME.format(end.atZone(s.zone())) + ")");
                }
            }
        } catch (RuntimeException e) {
            // the explanation is a courtesy; never let it stop the report
        }
        return prefix + ": no scheduler node was running, or all were busy, at that time";
    }
}
