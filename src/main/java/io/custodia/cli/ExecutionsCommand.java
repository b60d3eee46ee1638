package io.custodia.cli;

import io.custodia.batch.JobRunner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.job.JobExecution;

/** {@code custodia executions [--limit N]} */
final class ExecutionsCommand implements Command {
    @Override
    public String name() {
        return "executions";
    }

    @Override
    public String summary() {
        return "list recent runs with their status";
    }

    @Override
    public String usage() {
        return "usage: custodia executions [--limit N]   (default 20, newest first)\n";
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("limit"), Set.of());
        args.expectPositionals(0);
        List<JobExecution> list = context.bean(JobRunner.class).recentExecutions((int) args.longOption("limit", 20));
        context.out.printf("%-6s %-10s %-24s %-11s %-10s %-9s %-20s %s%n", "id", "job", "job file", "run date", "status", "seconds", "started", "exit");
        for (JobExecution e : list) {
            String file = e.getJobParameters().getString("jobFile");
            String name = file == null ? "" : java.nio.file.Path.of(file).getFileName().toString();
            String secs = e.getStartTime() == null || e.getEndTime() == null ? ""
                    : String.format("%.1f", Duration.between(e.getStartTime(), e.getEndTime()).toMillis() / 1000.0);
            String dry = "true".equals(e.getJobParameters().getString("dryRun")) ? " (dry run)" : "";
            context.out.printf("%-6d %-10s %-24s %-11s %-10s %-9s %-20s %s%n", e.getId(), e.getJobInstance().getJobName(), name + dry,
                    e.getJobParameters().getLocalDate("runDate"), e.getStatus(), secs,
                    e.getStartTime() == null ? "" : e.getStartTime().withNano(0).toString(), e.getExitStatus().getExitCode());
        }
        if (list.isEmpty()) {
            context.out.println("(no runs yet)");
        }
        return 0;
    }
}
