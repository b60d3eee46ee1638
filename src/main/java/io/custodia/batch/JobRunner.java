package io.custodia.batch;

import io.custodia.config.ConfigException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts, resumes, restarts and recovers runs of job files. The one place that decides what a
 * request to run a job file for a date means, so the CLI and the scheduler behave the same.
 */
@Service
public class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    public static final String REPORT_KEY = "custodia.report";

    private final Map<String, JobType> types;
    private final JobOperator operator;
    private final JobRepository repository;

    public JobRunner(List<JobType> types, JobOperator operator, JobRepository repository) {
        this.types = new TreeMap<>(types.stream().collect(Collectors.toMap(JobType::name, Function.identity())));
        this.operator = operator;
        this.repository = repository;
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
        JobFile jobFile = validate(file);
        JobType type = types.get(jobFile.job());
        JobParameters params = new RunParameters(jobFile.path().toString(), runDate, dryRun).toJobParameters();
        JobExecution last = repository.getLastJobExecution(type.job().getName(), params);
        try {
            JobExecution execution;
            if (last == null) {
                log.info("starting {} ({}) for {}{}", jobFile.name(), jobFile.job(), runDate, dryRun ? " — dry run" : "");
                execution = operator.start(type.job(), params);
            } else {
                switch (last.getStatus()) {
                    case COMPLETED -> {
                        return new RunOutcome(last.getId(), BatchStatus.COMPLETED, "NOOP",
                                jobFile.name() + " for " + runDate + " already completed as execution " + last.getId()
                                        + "; nothing was run again", report(last), true);
                    }
                    case STARTING, STARTED, STOPPING -> throw new IllegalStateException(jobFile.name() + " for " + runDate
                            + " is already running as execution " + last.getId()
                            + (RunOwner.isOrphanedHere(last) ? "; its process is gone (killed?): run `./custodia recover`, then run again"
                                    : "; wait for it to finish, or if its process is gone run `./custodia recover`"));
                    case ABANDONED -> throw new IllegalStateException(jobFile.name() + " for " + runDate
                            + " was abandoned as execution " + last.getId() + " and cannot be resumed; run it for another date");
                    default -> {
                        log.info("resuming {} for {}: execution {} ended {}", jobFile.name(), runDate, last.getId(), last.getStatus());
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
        validate(Path.of(rp.jobFile()));
        try {
            return outcome(operator.restart(execution));
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks executions left STARTED by a dead process on this host as FAILED so that they can be
     * restarted. With {@code force}, also those owned by other hosts (use only when you know that
     * node is down).
     */
    public List<JobExecution> recover(boolean force) {
        List<JobExecution> recovered = new ArrayList<>();
        for (JobType type : types.values()) {
            for (JobExecution running : repository.findRunningJobExecutions(type.job().getName())) {
                JobExecution e = repository.getJobExecution(running.getId()); // with its execution context: the owner
                if (force || RunOwner.isOrphanedHere(e)) {
                    recovered.add(operator.recover(e));
                }
            }
        }
        return recovered;
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

    public static String rootMessage(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        String m = cur.getMessage();
        return m == null ? cur.getClass().getSimpleName() : m;
    }
}
