package io.custodia.schedule;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Schedules as Quartz jobs and triggers. Each schedule is one durable job (recovery requested: a
 * surviving node re-fires what a dead node was running) and one cron trigger with the schedule's
 * zone and misfire instruction, both named after the schedule in group {@code custodia}. The
 * job's data holds the whole schedule as strings, so any node can carry out a fire, including a
 * recovery, from the store alone.
 */
final class ScheduleJobs {
    static final String GROUP = "custodia";
    private static final String NAME = "schedule";
    private static final String FILE = "scheduleFile";
    private static final String JOB_FILE = "jobFile";
    private static final String CRON = "cron";
    private static final String ZONE = "zone";
    private static final String MISFIRE = "misfire";
    private static final String OVERLAP = "overlap";
    private static final String RUN_KEY = "runKey";
    private static final String DRY_RUN = "dryRun";
    private static final String DESCRIPTION = "description";
    private static final String FINGERPRINT = "fingerprint";

    private ScheduleJobs() {
    }

    static JobDetail jobDetail(Schedule s) {
        JobDataMap data = new JobDataMap();
        data.put(NAME, s.name());
        data.put(FILE, s.file().toString());
        data.put(JOB_FILE, s.jobFile().toString());
        data.put(CRON, s.cron());
        data.put(ZONE, s.zone().getId());
        data.put(MISFIRE, s.misfire().name());
        data.put(OVERLAP, s.overlap().name());
        data.put(RUN_KEY, s.runKey().name());
        data.put(DRY_RUN, Boolean.toString(s.dryRun()));
        data.put(DESCRIPTION, s.description());
        data.put(FINGERPRINT, s.fingerprint());
        return JobBuilder.newJob(s.overlap() == OverlapPolicy.FORBID ? NonConcurrentScheduledRun.class : ScheduledRun.class)
                .withIdentity(s.name(), GROUP)
                .withDescription(truncate(s.description()))
                .storeDurably()
                .requestRecovery(true)
                .usingJobData(data)
                .build();
    }

    static Schedule schedule(JobDataMap data) {
        return new Schedule(data.getString(NAME), Path.of(data.getString(FILE)), Path.of(data.getString(JOB_FILE)), data.getString(CRON),
                ZoneId.of(data.getString(ZONE)), MisfirePolicy.valueOf(data.getString(MISFIRE)), OverlapPolicy.valueOf(data.getString(OVERLAP)),
                RunKey.valueOf(data.getString(RUN_KEY)), Boolean.parseBoolean(data.getString(DRY_RUN)), data.getString(DESCRIPTION));
    }

    /**
     * The schedule's cron trigger, first firing at its first cron time at or after {@code startAt}
     * rounded up to a whole second. Quartz starts a cron trigger from the cron time after
     * {@code startAt - 1 s}: unrounded, a trigger stored at 02:00:00.4 would fire 02:00:00 — a time
     * the trigger it replaces may already have fired.
     */
    static CronTrigger trigger(Schedule s, Date startAt) {
        Date from = new Date(Math.ceilDiv(startAt.getTime(), 1000L) * 1000L);
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(s.cronExpression()).inTimeZone(TimeZone.getTimeZone(s.zone()));
        cron = s.misfire() == MisfirePolicy.FIRE_ONCE_NOW ? cron.withMisfireHandlingInstructionFireAndProceed()
                : cron.withMisfireHandlingInstructionDoNothing();
        return TriggerBuilder.newTrigger()
                .withIdentity(s.name(), GROUP)
                .forJob(s.name(), GROUP)
                .withDescription(truncate(s.description()))
                .withSchedule(cron)
                .startAt(from)
                .build();
    }

    /** What a sync did, for the start-up message. */
    record Sync(List<String> added, List<String> replaced, List<String> kept, List<String> removed) {
    }

    /**
     * Makes the store hold exactly these schedules. An unchanged schedule keeps its stored trigger
     * (and so its next fire time and any misfire pending from downtime); a changed one is replaced
     * and starts from now; one whose file is gone from schedules/ is deleted. Every node of a
     * cluster must therefore run with the same schedules/.
     */
    static Sync sync(Scheduler scheduler, List<Schedule> schedules, Date now) throws SchedulerException {
        List<String> added = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Schedule s : schedules) {
            JobKey jobKey = JobKey.jobKey(s.name(), GROUP);
            TriggerKey triggerKey = TriggerKey.triggerKey(s.name(), GROUP);
            JobDetail stored = scheduler.getJobDetail(jobKey);
            Trigger storedTrigger = scheduler.getTrigger(triggerKey);
            boolean same = stored != null && storedTrigger != null && s.fingerprint().equals(stored.getJobDataMap().getString(FINGERPRINT))
                    && scheduler.getTriggerState(triggerKey) != Trigger.TriggerState.ERROR;
            if (same) {
                kept.add(s.name());
                continue;
            }
            scheduler.scheduleJob(jobDetail(s), Set.of(trigger(s, now)), true);
            (stored == null ? added : replaced).add(s.name());
        }
        Set<String> names = new java.util.HashSet<>(schedules.stream().map(Schedule::name).toList());
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!names.contains(key.getName())) {
                scheduler.deleteJob(key);
                removed.add(key.getName());
            }
        }
        return new Sync(added, replaced, kept, removed);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 240 ? s : s.substring(0, 240);
    }
}
