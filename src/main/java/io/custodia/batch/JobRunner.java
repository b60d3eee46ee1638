package io.custodia.batch;

import io.custodia.config.ConfigException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts, resumes, restarts and recovers runs of job files. The one place that decides what a
 * request to run a job file for a date means, so the CLI and the scheduler behave the same.
 *
 * <p>Every start, resume and restart holds the job file's {@link JobFileLock} for the whole run:
 * one job file never runs twice at once, whatever the date, on any node sharing the database.
 */
@Service
public class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    public static final String REPORT_KEY = "custodia.report";

    private final Map<String, JobType> types;
    private final JobOperator operator;
    private final JobRepository repository;
    private final JobFileLock locks;

    public JobRunner(List<JobType> types, JobOperator operator, JobRepository repository, JobFileLock locks) {
        this.types = new TreeMap<>(types.stream().collect(Collectors.toMap(JobType::name, Function.identity())));
        this.operator = operator;
        this.repository = repository;
        this.locks = locks;
    }

    public Set<String> jobNames() {
        return types.keySet();
    }

    /** Loads and fully validates a job file (and its catalog and data schemas) without running anything. */
    public JobFile validate(Path file) {
        JobFile jobFile = JobFile.load(file, types.keySet());
        types.get(jobFile.job()).validate(jobFile);
        return jobFile;
    }

    public RunOutcome run(Path file, LocalDate runDate, boolean dryRun) {
        return launch(new RunRequest(file, runDate, dryRun, null, false), false);
    }

    /**
     * The scheduler's entry point: like {@link #run}, and when the same run was left running by an
     * owner that is gone — Quartz delivers the fire as a recovery (the node that fired it failed
     * the cluster check-in), or the owner process is provably dead (this host, no such pid) — the
     * orphaned execution is recovered (marked FAILED) and restarted from its last commit at once.
     */
    public RunOutcome runScheduled(RunRequest request) {
        return launch(request, true);
    }

    private RunOutcome launch(RunRequest request, boolean recoverOrphans) {
        JobFile jobFile = validate(request.jobFile());
        JobType type = types.get(jobFile.job());
        JobParameters params = parameters(jobFile, request);
        String run = jobFile.name() + " for " + request.describe();
        JobExecution done = repository.getLastJobExecution(type.job().getName(), params);
        if (done != null && done.getStatus() == BatchStatus.COMPLETED) {
            // nothing to run, whoever holds the job file's lock for another date
            return new RunOutcome(done.getId(), BatchStatus.COMPLETED, "NOOP",
                    run + " already completed as execution " + done.getId() + "; nothing was run again", report(done), true);
        }
        try (JobFileLock.Held lock = lock(jobFile.path().toString(), jobFile.name())) {
            JobExecution last = repository.getLastJobExecution(type.job().getName(), params);
            JobExecution execution;
            if (last == null) {
                log.info("starting {} ({}) for {}{}", jobFile.name(), jobFile.job(), request.describe(), request.dryRun() ? " — dry run" : "");
                execution = operator.start(type.job(), params);
            } else {
                switch (last.getStatus()) {
                    case COMPLETED -> {
                        return new RunOutcome(last.getId(), BatchStatus.COMPLETED, "NOOP",
                                run + " already completed as execution " + last.getId()
                                        + "; nothing was run again", report(last), true);
                    }
                    case STARTING, STARTED, STOPPING -> {
                        JobExecution withOwner = repository.getJobExecution(last.getId());
                        boolean ownerDead = RunOwner.isOrphanedHere(withOwner);
                        if (!recoverOrphans || !(request.recovering() || ownerDead)) {
                            throw new IllegalStateException(run + " is already running as execution " + last.getId()
                                    + (ownerDead ? "; its process is gone (killed?): run `./custodia recover`, then run again"
                                            : "; wait for it to finish, or if its process is gone run `./custodia recover`"));
                        }
                        log.warn("{}: execution {} was left {} by {}; recovering it and restarting from its last commit", run, last.getId(),
                                last.getStatus(), request.recovering() ? "a scheduler node that failed (Quartz recovery)" : "a process that is gone");
                        execution = operator.restart(operator.recover(withOwner));
                    }
                    case ABANDONED -> throw new IllegalStateException(run
                            + " was abandoned as execution " + last.getId() + " and cannot be resumed; run it for another date");
                    default -> {
                        log.info("resuming {} for {}: execution {} ended {}", jobFile.name(), request.describe(), last.getId(), last.getStatus());
                        execution = operator.restart(last);
                    }
                }
            }
            return outcome(execution);
        } catch (IllegalStateException | ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot launch " + jobFile.name() + ": " + e.getMessage(), e);
        }
    }

    private static JobParameters parameters(JobFile jobFile, RunRequest request) {
        JobParameters p = new RunParameters(jobFile.path().toString(), request.runDate(), request.dryRun()).toJobParameters();
        return request.fireTime() == null ? p
                : new JobParametersBuilder(p).addString(RunParameters.FIRE_TIME, request.fireTime(), true).toJobParameters();
    }

    /** The last execution of exactly this run (its identity), if any; loads only the job file, not the data. */
    public Optional<JobExecution> lastExecution(RunRequest request) {
        JobFile jobFile = JobFile.load(request.jobFile(), types.keySet());
        return Optional.ofNullable(repository.getLastJobExecution(types.get(jobFile.job()).job().getName(), parameters(jobFile, request)));
    }

    /**
     * Takes the job file's run lock or refuses ({@link JobFileBusyException}), naming the execution
     * that holds it. Whoever starts or restarts a run of the job file outside this class must hold it:
     * runs are created at READ COMMITTED, and this lock is what keeps two processes from starting the
     * same run twice.
     */
    public JobFileLock.Held runLock(JobFile jobFile) {
        return lock(jobFile.path().toString(), jobFile.name());
    }

    private JobFileLock.Held lock(String jobFilePath, String name) {
        return locks.tryAcquire(jobFilePath).orElseThrow(() -> {
            List<JobExecution> running = runningExecutions().stream()
                    .filter(e -> jobFilePath.equals(e.getJobParameters().getString(RunParameters.JOB_FILE))).toList();
            String holder = running.isEmpty() ? "another process is starting it right now"
                    : describeRunning(repository.getJobExecution(running.getFirst().getId()));
            return new JobFileBusyException(name + " is already running (" + holder
                    + "); Custodia runs a job file once at a time, so nothing was started: let that run finish");
        });
    }

    private static String describeRunning(JobExecution e) {
        var ctx = e.getExecutionContext();
        RunParameters p = RunParameters.from(e.getJobParameters());
        String fire = e.getJobParameters().getString(RunParameters.FIRE_TIME);
        return "execution " + e.getId() + " for " + p.runDate() + (fire == null ? "" : " (fire " + fire + ")")
                + (ctx.containsKey(RunOwner.HOST) ? " on " + ctx.getString(RunOwner.HOST) + " pid " + ctx.getLong(RunOwner.PID) : "")
                + (e.getStartTime() == null ? "" : ", started " + e.getStartTime().withNano(0));
    }

    public RunOutcome restart(long executionId) {
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("there is no execution " + executionId + "; see `./custodia executions`");
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new IllegalStateException("execution " + executionId + " completed; there is nothing to restart");
        }
        if (execution.getStatus().isRunning()) {
            throw new IllegalStateException("execution " + executionId + " is marked " + execution.getStatus()
                    + "; if its process is gone, run `./custodia recover` first");
        }
        RunParameters rp = RunParameters.from(execution.getJobParameters());
        JobFile jobFile = validate(Path.of(rp.jobFile()));
        try (JobFileLock.Held lock = lock(rp.jobFile(), jobFile.name())) {
            return outcome(operator.restart(execution));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks executions left STARTED by a dead process on this host as FAILED so that they can be
     * restarted. With {@code force}, also those owned by other hosts (use only when you know that
     * node is down). Either way an execution whose job file's run lock is held is left alone: a
     * live process is running it.
     */
    public List<JobExecution> recover(boolean force) {
        List<JobExecution> recovered = new ArrayList<>();
        for (JobType type : types.values()) {
            for (JobExecution running : repository.findRunningJobExecutions(type.job().getName())) {
                JobExecution e = repository.getJobExecution(running.getId()); // with its execution context: the owner
                if (force || RunOwner.isOrphanedHere(e)) {
                    String file = e.getJobParameters().getString(RunParameters.JOB_FILE);
                    Optional<JobFileLock.Held> lock = file == null ? Optional.empty() : locks.tryAcquire(file);
                    if (lock.isEmpty()) {
                        log.info("execution {} is left alone: its job file is being run by a live process", e.getId());
                        continue;
                    }
                    try (JobFileLock.Held held = lock.get()) {
                        recovered.add(operator.recover(e));
                    }
                }
            }
        }
        return recovered;
    }

    /**
     * Asks every execution this process runs to stop ({@code JobOperator.stop}): its status becomes
     * STOPPING and steps end at their next commit; a step blocked inside a tasklet also needs its
     * thread interrupted (the scheduler's graceful shutdown does both). Returns the ids asked.
     */
    public List<Long> stopRunningHere() {
        List<Long> asked = new ArrayList<>();
        String host = RunOwner.localHost();
        long pid = ProcessHandle.current().pid();
        for (JobExecution running : runningExecutions()) {
            JobExecution e = repository.getJobExecution(running.getId());
            var ctx = e.getExecutionContext();
            if (ctx.containsKey(RunOwner.PID) && ctx.getLong(RunOwner.PID) == pid && host.equals(ctx.getString(RunOwner.HOST))) {
                try {
                    operator.stop(e);
                    asked.add(e.getId());
                } catch (JobExecutionNotRunningException ended) {
                    // finished meanwhile: nothing to stop
                }
            }
        }
        return asked;
    }

    /** Recent executions of one job file (its absolute path), newest first. */
    public List<JobExecution> executionsOf(Path file, int limit) {
        JobFile jobFile = JobFile.load(file, types.keySet());
        String path = jobFile.path().toString();
        List<JobExecution> out = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(types.get(jobFile.job()).job().getName(), 0, 500)) {
            for (JobExecution e : repository.getJobExecutions(instance)) {
                if (path.equals(e.getJobParameters().getString(RunParameters.JOB_FILE))) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    public List<JobExecution> runningExecutions() {
        List<JobExecution> out = new ArrayList<>();
        for (JobType type : types.values()) {
            out.addAll(repository.findRunningJobExecutions(type.job().getName()));
        }
        return out;
    }

    /** The most recent executions of every job, newest first. */
    public List<JobExecution> recentExecutions(int limit) {
        List<JobExecution> out = new ArrayList<>();
        for (JobType type : types.values()) {
            for (JobInstance instance : repository.getJobInstances(type.job().getName(), 0, limit)) {
                out.addAll(repository.getJobExecutions(instance));
            }
        }
        out.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private RunOutcome outcome(JobExecution e) {
        String message = e.getStatus() == BatchStatus.COMPLETED ? "completed"
                : e.getAllFailureExceptions().stream().map(JobRunner::rootMessage).findFirst().orElse(e.getExitStatus().getExitDescription());
        return new RunOutcome(e.getId(), e.getStatus(), e.getExitStatus().getExitCode(), message, report(e), false);
    }

    private static String report(JobExecution e) {
        return e.getExecutionContext().containsKey(REPORT_KEY) ? e.getExecutionContext().getString(REPORT_KEY) : null;
    }

    /**
     * The message an operator should read: that of the deepest meaningful exception in the cause
     * chain ({@link #meaningful}); an InterruptedException has none, so its wrapper's says what stopped.
     */
    public static String rootMessage(Throwable t) {
        Throwable m = meaningful(t);
        if (m.getMessage() != null) {
            return m.getMessage();
        }
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur.getMessage() != null) {
                return cur.getMessage();
            }
        }
        return m.getClass().getSimpleName();
    }

    /**
     * The exception whose message says best what went wrong: the deepest one with a message that is
     * not a Spring wrapper — except that below an exception of Custodia's own (which names the file,
     * dataset or key and quotes its cause) a library's exception does not replace it: Parquet's
     * "don't know what type: 15" under "part-1.parquet: corrupt data after row 0: …" says less.
     */
    public static Throwable meaningful(Throwable e) {
        Throwable best = e;
        boolean ours = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean custodia = t.getClass().getName().startsWith("io.custodia.");
            if (t.getMessage() != null && !t.getClass().getName().startsWith("org.springframework.") && (custodia || !ours)) {
                best = t;
                ours |= custodia;
            }
        }
        return best;
    }
}
