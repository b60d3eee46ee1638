package io.custodia.schedule;

import io.custodia.batch.BatchInfrastructure;
import io.custodia.batch.ClusterLock;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler: loads and validates {@code schedules/}, then either runs Quartz until the process
 * is told to stop ({@link #run}) or fires once what is due ({@link #once}).
 *
 * <p>Graceful shutdown (SIGTERM closes the Spring context, which calls {@link #stop()} before any
 * bean is destroyed): no new fires; running ones may finish within
 * {@code custodia.scheduler.shutdown-timeout}; then they are asked to stop (JobOperator.stop) and
 * their threads interrupted — partition threads first, then the fire's own thread through Quartz's
 * {@code InterruptableJob} — so their executions end FAILED or STOPPED and restart later, never
 * left STARTED.
 */
@Service
public class SchedulerService implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SchedulerService.class);
    private final SchedulerProperties properties;
    private final Path home;
    private final DataSource dataSource;
    private final PlatformTransactionManager tx;
    private final JobRunner runner;
    private final ScheduleFirer firer;
    private final SchedulerEvents events;
    private final RunningFires fires;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile SchedulerFactoryBean quartz;
    private volatile Map<String, Schedule> loaded = Map.of();
    private ExecutorService reporter;

    public SchedulerService(SchedulerProperties properties, @Value("${custodia.home:.}") String home, DataSource dataSource,
            PlatformTransactionManager tx, JobRunner runner, ScheduleFirer firer, SchedulerEvents events, RunningFires fires) {
        this.properties = properties;
        this.home = Path.of(home).toAbsolutePath().normalize();
        this.dataSource = dataSource;
        this.tx = tx;
        this.runner = runner;
        this.firer = firer;
        this.events = events;
        this.fires = fires;
    }

    public SchedulerProperties properties() {
        return properties;
    }

    public SchedulerEvents events() {
        return events;
    }

    /** The schedules directory: the option, else custodia.scheduler.schedules-dir, else home/schedules; relative to home. */
    public Path schedulesDir(Path option) {
        Path p = option != null ? option : properties.schedulesDir() != null ? properties.schedulesDir() : Path.of("schedules");
        return home.resolve(p).normalize();
    }

    /** Reads and validates every schedule, including the configuration of the job files they fire. */
    public ScheduleFiles.Loaded load(Path dir, Instant now) {
        return ScheduleFiles.load(dir, runner::validate, now);
    }

    /** Runs Quartz until {@link #stop()} (SIGTERM). Nothing starts unless every schedule is valid. */
    public void run(Path dir, PrintStream out) throws Exception {
        ScheduleFiles.Loaded files = load(dir, Instant.now());
        List<Schedule> schedules = files.requireValid();
        if (schedules.isEmpty()) {
            throw new io.custodia.config.ConfigException(files.dir() + ":1:1: no schedule files (*.yaml) here; nothing to run");
        }
        files.warnings().forEach(w -> out.println("warning: " + w));
        loaded = schedules.stream().collect(Collectors.toMap(Schedule::name, Function.identity()));
        reporter = Executors.newSingleThreadExecutor(r -> new Thread(r, "custodia-scheduler-report"));
        quartz = QuartzFactory.create(properties, dataSource, tx, jobFactory(firer, fires));
        Scheduler scheduler = quartz.getScheduler();
        ScheduleJobs.Sync sync;
        try {
            sync = new TransactionTemplate(tx).execute(status -> {
                try {
                    // Nodes starting together take turns: otherwise each reads the store before the other's commit, both
                    // store the schedules as new, and the later one restarts a trigger the earlier had already fired.
                    Connection c = DataSourceUtils.getConnection(dataSource);
                    try {
                        ClusterLock.holdUntilCommit(c, "custodia-schedules");
                    } finally {
                        DataSourceUtils.releaseConnection(c, dataSource);
                    }
                    return ScheduleJobs.sync(scheduler, schedules, new Date());
                } catch (SchedulerException | SQLException e) {
                    throw new IllegalStateException("cannot store the schedules in the Quartz job store: " + e.getMessage(), e);
                }
            });
            scheduler.getListenerManager().addTriggerListener(new MisfireListener(this::onMissed), GroupMatcher.triggerGroupEquals(ScheduleJobs.GROUP));
            running = true;
            stopOnSignals();
            scheduler.start();
        } catch (Exception e) {
            running = false;
            quartz.destroy();
            reporter.shutdown();
            throw e;
        }
        out.println("scheduler started: " + schedules.size() + " schedule(s) from " + files.dir() + "; node " + scheduler.getSchedulerInstanceId()
                + ", " + QuartzFactory.describe(dataSource, properties));
        if (!sync.added().isEmpty() || !sync.replaced().isEmpty() || !sync.removed().isEmpty()) {
            out.println("  store: added " + sync.added() + ", replaced " + sync.replaced() + ", removed " + sync.removed() + ", kept " + sync.kept());
        }
        Instant now = Instant.now();
        for (Schedule s : schedules) {
            out.println("  " + s.name() + ": next " + s.nextFireAfter(now).map(Schedule.FIRE_TIME::format).orElse("never") + " — " + s.summary());
        }
        out.flush();
        for (Schedule s : schedules) {
            events.record(s.name(), "scheduled", s.nextFireAfter(now).map(Schedule.FIRE_TIME::format).orElse(null), null, s.summary());
        }
        stopped.await();
        out.println("scheduler stopped");
    }

    /** Makes the Quartz jobs with their collaborators (no reflection, no bean-property injection). */
    static JobFactory jobFactory(FireHandler handler, RunningFires fires) {
        return (bundle, scheduler) -> {
            Class<?> type = bundle.getJobDetail().getJobClass();
            if (type == NonConcurrentScheduledRun.class) {
                return new NonConcurrentScheduledRun(handler, fires);
            }
            if (type == ScheduledRun.class) {
                return new ScheduledRun(handler, fires);
            }
            throw new SchedulerException("job " + bundle.getJobDetail().getKey() + " has class " + type.getName()
                    + ", which is not a Custodia schedule; remove it from the Quartz store");
        };
    }

    private void onMissed(MisfireListener.Missed m) {
        Schedule s = loaded.get(m.schedule());
        if (s == null || reporter == null) {
            return;
        }
        reporter.execute(() -> firer.missed(s, m.missed(), s.nextFireAfter(Instant.now()).map(ZonedDateTime::toInstant)));
    }

    /** What {@link #once} did for one schedule. */
    public record OnceResult(Schedule schedule, String fire, FireResult result) {
    }

    /**
     * Fires once what is due at {@code now}: for each schedule its most recent fire time, unless
     * that run has completed. A fire older than the misfire threshold that never started is
     * skipped when its policy is skip. Due fires run one after another, oldest first.
     */
    public List<OnceResult> once(Path dir, Instant now) throws InterruptedException {
        List<Schedule> schedules = load(dir, now).requireValid();
        running = true;
        stopOnSignals();
        try {
            List<OnceResult> results = new ArrayList<>();
            List<Map.Entry<Schedule, ZonedDateTime>> due = new ArrayList<>();
            for (Schedule s : schedules) {
                Optional<ZonedDateTime> latest = s.latestFireAtOrBefore(now);
                if (latest.isEmpty()) {
                    results.add(new OnceResult(s, null, new FireResult(FireResult.Kind.NOOP, null, "has not fired yet (next "
                            + s.nextFireAfter(now).map(Schedule.FIRE_TIME::format).orElse("never") + ")")));
                } else {
                    due.add(Map.entry(s, latest.get()));
                }
            }
            due.sort(Comparator.<Map.Entry<Schedule, ZonedDateTime>, Instant>comparing(e -> e.getValue().toInstant()).thenComparing(e -> e.getKey().name()));
            for (var d : due) {
                if (stopping.get()) {
                    break;
                }
                Schedule s = d.getKey();
                ZonedDateTime fire = d.getValue();
                String when = Schedule.FIRE_TIME.format(fire);
                RunRequest request = s.request(fire, false);
                Optional<JobExecution> last = runner.lastExecution(request);
                if (last.isPresent() && last.get().getStatus() == BatchStatus.COMPLETED) {
                    results.add(new OnceResult(s, when, new FireResult(FireResult.Kind.NOOP, last.get().getId(),
                            "already completed as execution " + last.get().getId())));
                    continue;
                }
                Duration late = Duration.between(fire.toInstant(), now);
                if (last.isEmpty() && s.misfire() == MisfirePolicy.SKIP && late.compareTo(properties.misfireThreshold()) > 0) {
                    firer.missed(s, fire.toInstant(), s.nextFireAfter(now).map(ZonedDateTime::toInstant));
                    results.add(new OnceResult(s, when, new FireResult(FireResult.Kind.SKIPPED, null, "missed by " + late.toSeconds()
                            + " s, more than the misfire threshold " + properties.misfireThreshold().toSeconds() + " s; misfire: skip")));
                    continue;
                }
                try (RunningFires.Entry entry = fires.enter(s, null)) {
                    results.add(new OnceResult(s, when, firer.fire(new Fire(s, fire, now, false))));
                } finally {
                    Thread.interrupted(); // an interrupt meant for that run must not hit the next one
                }
            }
            return results;
        } finally {
            running = false;
            stopped.countDown();
        }
    }

    /**
     * SIGTERM and SIGINT stop gracefully before the JVM starts shutting down: the JVM's own
     * handling would run every shutdown hook at once, and H2's closes the database under runs that
     * are still recording that they stopped. The process then exits normally (status 0): a stop
     * asked for is a clean end, and stopped runs resume later. A second signal exits at once.
     * Without sun.misc.Signal, the Spring context's close still calls {@link #stop()} (enough on
     * PostgreSQL).
     */
    private void stopOnSignals() {
        try {
            for (String name : List.of("TERM", "INT")) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (stopping.get()) {
                        log.warn("second SIG{}: exiting now; runs still going are recovered at the next start", signal.getName());
                        System.exit(128 + signal.getNumber());
                    }
                    log.info("SIG{} received: stopping the scheduler gracefully", signal.getName());
                    Thread t = new Thread(this::stop, "custodia-shutdown");
                    t.start();
                });
            }
        } catch (IllegalArgumentException | LinkageError e) {
            log.debug("no signal handlers ({}); relying on the JVM shutdown hook", e.toString());
        }
    }

    // ---- lifecycle: only the graceful stop matters; start is explicit (run/once) ---------------

    @Override
    public void start() {
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stopped first, before Quartz's and the DataSource's beans
    }

    @Override
    public void stop() {
        if (!running || !stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
            if (scheduler != null) {
                scheduler.standby(); // this node fires nothing more; other nodes take over the next fires
            }
            List<RunningFires.Entry> now = fires.snapshot();
            if (!now.isEmpty()) {
                log.info("shutting down: waiting up to {} for {} running fire(s) to finish", properties.shutdownTimeout(), now.size());
            }
            boolean idle = fires.awaitIdle(properties.shutdownTimeout()) || stopRunning(scheduler);
            if (scheduler != null) {
                // idle: wait for Quartz to record the jobs' completion, or their fires would be "recovered" at the next start
                scheduler.shutdown(idle);
            }
        } catch (SchedulerException | InterruptedException e) {
            log.error("scheduler shutdown: {}", e.getMessage(), e);
        } finally {
            if (reporter != null) {
                reporter.shutdown();
            }
            running = false;
            stopped.countDown();
        }
    }

    /** Stops what still runs; true when everything ended. */
    private boolean stopRunning(Scheduler scheduler) throws InterruptedException, SchedulerException {
        List<RunningFires.Entry> left = fires.snapshot();
        List<Long> asked = runner.stopRunningHere();
        for (RunningFires.Entry e : left) {
            events.record(e.schedule.name(), "stopped", null, null, "still running after the shutdown timeout of "
                    + properties.shutdownTimeout().toSeconds() + " s: asked to stop (executions " + asked
                    + "); it ends FAILED or STOPPED and resumes at its next fire or with `./custodia restart <id>`");
        }
        // Steps blocked inside a tasklet only notice a stop when interrupted: partition threads first,
        // so each partition records its own failure, then the fire threads themselves.
        int partitions = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(BatchInfrastructure.PARTITION_THREAD_PREFIX)) {
                t.interrupt();
                partitions++;
            }
        }
        Duration half = properties.stopTimeout().dividedBy(2);
        if (partitions > 0 && fires.awaitIdle(half)) {
            return true;
        }
        for (RunningFires.Entry e : fires.snapshot()) {
            if (e.quartzJob != null && scheduler != null) {
                scheduler.interrupt(e.quartzJob); // InterruptableJob.interrupt(): the fire's own thread
            } else {
                e.thread.interrupt();
            }
        }
        if (fires.awaitIdle(partitions > 0 ? half : properties.stopTimeout())) {
            return true;
        }
        for (RunningFires.Entry e : fires.snapshot()) {
            log.error("{}: its run did not stop within {}; its execution may be left STARTED — it is recovered at the next start,"
                    + " or run `./custodia recover` after exit", e.schedule.name(), properties.stopTimeout());
        }
        return false;
    }
}
