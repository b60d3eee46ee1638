package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * The misfire and overlap policies as Quartz carries them out, on Quartz's in-memory store with
 * the triggers and jobs the scheduler builds from schedules. Missed fires are made by starting a
 * trigger in the past (no waiting); the fires reach a recording handler instead of a job, since
 * what is under test is when and how often Quartz fires.
 */
class TriggerPolicyTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final BlockingQueue<Fire> fires = new LinkedBlockingQueue<>();
    final BlockingQueue<MisfireListener.Missed> missed = new LinkedBlockingQueue<>();
    final RunningFires running = new RunningFires();
    SchedulerFactoryBean factory;

    static Schedule schedule(String cron, MisfirePolicy misfire, OverlapPolicy overlap) {
        return new Schedule("s", Path.of("/schedules/s.yaml"), Path.of("/jobs/inventory.yaml"), cron, SHANGHAI, misfire, overlap, RunKey.DATE,
                false, "test");
    }

    Scheduler start(Schedule s, Instant startAt, Duration misfireThreshold, FireHandler handler) throws Exception {
        SchedulerProperties p = new SchedulerProperties(null, Duration.ofSeconds(30), Duration.ofSeconds(10), 4, false,
                Duration.ofMillis(7500), misfireThreshold, "test-" + UUID.randomUUID(), Map.of());
        factory = QuartzFactory.create(p, null, null, SchedulerService.jobFactory(handler, running));
        Scheduler scheduler = factory.getScheduler();
        scheduler.getListenerManager().addTriggerListener(new MisfireListener(missed::add), GroupMatcher.triggerGroupEquals(ScheduleJobs.GROUP));
        scheduler.scheduleJob(ScheduleJobs.jobDetail(s), Set.of(ScheduleJobs.trigger(s, Date.from(startAt))), true);
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void stop() throws Exception {
        if (factory != null) {
            factory.destroy();
        }
    }

    FireResult record(Fire f) {
        fires.add(f);
        return new FireResult(FireResult.Kind.COMPLETED, null, "");
    }

    static Instant nextHour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS); // Shanghai is a whole-hour offset
    }

    @Test
    void fireOnceNowRunsMissedFiresOnceForTheLatestMissedTime() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(3)).minus(Duration.ofMinutes(10));
        Scheduler scheduler = start(schedule("0 0 * * * ?", MisfirePolicy.FIRE_ONCE_NOW, OverlapPolicy.FORBID), start, Duration.ofSeconds(1), this::record);

        Fire fire = fires.poll(60, TimeUnit.SECONDS);
        assertThat(fire).as("the missed fires are run once, now").isNotNull();
        MisfireListener.Missed m = missed.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.missed()).as("the first missed fire is reported").isEqualTo(nextHour(start));
        // the run stands for the most recent missed hour, so its run date is that hour's date
        assertThat(fire.intended().toInstant()).isEqualTo(fire.intended().toInstant().truncatedTo(ChronoUnit.HOURS))
                .isAfter(start.plus(Duration.ofHours(2))).isBeforeOrEqualTo(fire.actual()).isAfter(fire.actual().minus(Duration.ofHours(1)));
        assertThat(fire.lateBy()).isPositive();
        assertThat(fire.recovering()).isFalse();
        Trigger t = scheduler.getTrigger(TriggerKey.triggerKey("s", ScheduleJobs.GROUP));
        assertThat(t.getNextFireTime().toInstant()).as("next fire is the next hour, not another catch-up").isEqualTo(nextHour(fire.actual()));
        assertThat(t.getMisfireInstruction()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW.quartzInstruction());
        assertThat(fires).isEmpty();
    }

    @Test
    void skipDropsMissedFiresUntilTheNextTime() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(3)).minus(Duration.ofMinutes(10));
        Scheduler scheduler = start(schedule("0 0 * * * ?", MisfirePolicy.SKIP, OverlapPolicy.FORBID), start, Duration.ofSeconds(1), this::record);

        MisfireListener.Missed m = missed.poll(60, TimeUnit.SECONDS);
        assertThat(m).as("the missed fire is reported").isNotNull();
        assertThat(m.missed()).isEqualTo(nextHour(start));
        Instant after = Instant.now();
        // Quartz applies the policy under its store lock, after telling the listener; this read waits for that lock
        Trigger t = scheduler.getTrigger(TriggerKey.triggerKey("s", ScheduleJobs.GROUP));
        assertThat(t.getNextFireTime().toInstant()).as("moved to the next hour: nothing is due now").isEqualTo(nextHour(after));
        assertThat(t.getMisfireInstruction()).isEqualTo(MisfirePolicy.SKIP.quartzInstruction());
        assertThat(fires).isEmpty();
        assertThat(running.snapshot()).isEmpty();
    }

    /** A handler whose first fire blocks until released; counts how many fires ran at once. */
    final class Holding implements FireHandler {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public FireResult fire(Fire f) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                if (calls.incrementAndGet() == 1) {
                    fires.add(f);
                    release.await();
                } else {
                    fires.add(f);
                }
                return new FireResult(FireResult.Kind.COMPLETED, null, "");
            } catch (InterruptedException e) {
                return new FireResult(FireResult.Kind.FAILED, null, "interrupted");
            } finally {
                now.decrementAndGet();
            }
        }
    }

    @Test
    void forbidHoldsTheNextFireWhileOneRuns() throws Exception {
        Holding h = new Holding();
        Scheduler scheduler = start(schedule("* * * * * ?", MisfirePolicy.FIRE_ONCE_NOW, OverlapPolicy.FORBID), Instant.now(), Duration.ofSeconds(60), h);
        Fire first = fires.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(scheduler.getTriggerState(TriggerKey.triggerKey("s", ScheduleJobs.GROUP))).isEqualTo(Trigger.TriggerState.BLOCKED);
        h.release.countDown();
        Fire second = fires.poll(30, TimeUnit.SECONDS);
        assertThat(second).as("the held fire runs once the first ends").isNotNull();
        assertThat(second.intended()).isAfter(first.intended());
        assertThat(h.most.get()).as("never two at once").isEqualTo(1);
    }

    @Test
    void allowLetsTheNextFireStartWhileOneRuns() throws Exception {
        Holding h = new Holding();
        start(schedule("* * * * * ?", MisfirePolicy.FIRE_ONCE_NOW, OverlapPolicy.ALLOW), Instant.now(), Duration.ofSeconds(60), h);
        Fire first = fires.poll(30, TimeUnit.SECONDS);
        Fire second = fires.poll(30, TimeUnit.SECONDS);
        assertThat(second).as("a second fire starts although the first is still running").isNotNull();
        assertThat(h.most.get()).isEqualTo(2);
        assertThat(running.snapshot()).hasSizeGreaterThanOrEqualTo(1);
        assertThat(second.intended()).isAfter(first.intended());
        h.release.countDown();
    }

    @Test
    void aFireHeldPastItsTimeIsSkippedAndReportedUnderSkip() throws Exception {
        Holding h = new Holding();
        Duration threshold = Duration.ofMillis(500);
        Scheduler scheduler = start(schedule("* * * * * ?", MisfirePolicy.SKIP, OverlapPolicy.FORBID), Instant.now(), threshold, h);
        Fire first = fires.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        Instant nextTime = first.intended().toInstant().plusSeconds(1);
        // the condition is the clock itself: hold the first run until its next fire time is past the threshold
        Instant until = nextTime.plus(threshold).plusMillis(300);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(Math.max(1, Duration.between(Instant.now(), until).toMillis()));
        }
        h.release.countDown();
        // (on a loaded machine Quartz may also report fires before the first one as missed: those are not this one)
        MisfireListener.Missed m;
        do {
            m = missed.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("the fire that came while the first still ran is reported missed").isNotNull();
        } while (m.missed().isBefore(nextTime));
        assertThat(m.missed()).isEqualTo(nextTime);
        Fire second = fires.poll(30, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.intended().toInstant()).as("the next fire is a fresh one, not the missed one run late").isAfter(until.minusSeconds(1));
        assertThat(second.lateBy()).isLessThan(threshold.plusSeconds(1));
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey("s", ScheduleJobs.GROUP))).isNotNull();
        assertThat(h.most.get()).isEqualTo(1);
    }
}
