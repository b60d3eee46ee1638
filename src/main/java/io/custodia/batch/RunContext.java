package io.custodia.batch;

import java.time.LocalDate;
import java.util.Set;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;

/** What a step needs to know about its run: the job file, the date, dry run or not, and an id for reports. */
public record RunContext(JobFile jobFile, LocalDate runDate, boolean dryRun, long executionId) {
    public static RunContext of(ChunkContext chunk, String jobName) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        return of(execution, jobName);
    }

    public static RunContext of(JobExecution execution, String jobName) {
        RunParameters p = RunParameters.from(execution.getJobParameters());
        JobFile file = JobFile.load(java.nio.file.Path.of(p.jobFile()), Set.of(jobName));
        return new RunContext(file, p.runDate(), p.dryRun(), execution.getId());
    }

    /** The directory name of this run's report: run date and execution id. */
    public String runId() {
        return runDate + "-e" + executionId + (dryRun ? "-dry-run" : "");
    }
}
