package io.custodia.cli;

import io.custodia.batch.JobRunner;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.job.JobExecution;

/** {@code custodia recover [--force]} */
final class RecoverCommand implements Command {
    @Override
    public String name() {
        return "recover";
    }

    @Override
    public String summary() {
        return "mark executions orphaned by a crash (kill -9, power loss) as failed, so they can resume";
    }

    @Override
    public String usage() {
        return """
                usage: custodia recover [--force]

                Finds executions still marked running whose process is gone (same host, dead pid) and
                marks them FAILED, so `custodia restart <id>` or the next run resumes them. Executions
                owned by a live process or by another host are left alone unless --force is given
                (use it only when you know that host is down).
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of(), Set.of("force"));
        args.expectPositionals(0);
        JobRunner runner = context.bean(JobRunner.class);
        List<JobExecution> recovered = runner.recover(args.flag("force"));
        for (JobExecution e : recovered) {
            context.out.println("recovered execution " + e.getId() + " (" + e.getJobInstance().getJobName() + ", "
                    + e.getJobParameters().getString("jobFile") + ", " + e.getJobParameters().getLocalDate("runDate")
                    + "): now " + e.getStatus() + "; resume with `./custodia restart " + e.getId() + "`");
        }
        List<JobExecution> still = runner.runningExecutions();
        for (JobExecution e : still) {
            context.out.println("left alone: execution " + e.getId() + " (" + e.getJobInstance().getJobName()
                    + ") is owned by a live process or another host");
        }
        if (recovered.isEmpty() && still.isEmpty()) {
            context.out.println("nothing to recover: no execution is marked running");
        }
        return 0;
    }
}
