package io.custodia.schedule;

import java.time.Instant;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of a schedule with {@code overlap: allow}: hands the fire — the cron time it
 * stands for, and whether Quartz is recovering it after its node died — to the {@link FireHandler},
 * which runs the job file through the JobRunner. Interruptible, so a graceful shutdown can end a
 * run that outlives the shutdown timeout.
 */
public class ScheduledRun extends QuartzJobBean implements InterruptableJob {
    private final FireHandler handler;
    private final RunningFires fires;
    private volatile Thread thread;

    public ScheduledRun(FireHandler handler, RunningFires fires) {
        this.handler = handler;
        this.fires = fires;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        Schedule schedule = ScheduleJobs.schedule(context.getJobDetail().getJobDataMap());
        Instant scheduled = scheduledFireTime(context);
        thread = Thread.currentThread();
        try (RunningFires.Entry entry = fires.enter(schedule, context.getJobDetail().getKey())) {
            handler.fire(new Fire(schedule, schedule.intendedFire(scheduled), context.getFireTime().toInstant(), context.isRecovering()));
        } finally {
            thread = null;
            Thread.interrupted(); // a late interrupt must not leak into the next job on this Quartz thread
        }
    }

    /**
     * The fire's scheduled time. A recovery fire runs on a new one-shot trigger; Quartz keeps the
     * original fire's scheduled time in the trigger's data, and that is the fire being recovered.
     */
    static Instant scheduledFireTime(JobExecutionContext context) {
        if (context.isRecovering()) {
            Object original = context.getMergedJobDataMap().get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Instant.ofEpochMilli(Long.parseLong(original.toString()));
            }
        }
        return context.getScheduledFireTime().toInstant();
    }

    @Override
    public void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
