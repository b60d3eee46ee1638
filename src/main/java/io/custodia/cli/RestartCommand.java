package io.custodia.cli;

import io.custodia.batch.JobRunner;
import java.util.List;
import java.util.Set;

/** {@code custodia restart <executionId>} */
final class RestartCommand implements Command {
    @Override
    public String name() {
        return "restart";
    }

    @Override
    public String summary() {
        return "resume a failed or stopped execution from where it stopped";
    }

    @Override
    public String usage() {
        return """
                usage: custodia restart <executionId>

                Resumes a FAILED or STOPPED execution: completed steps and partitions are not done again.
                An execution left STARTED by a crash must first be marked failed with `custodia recover`.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of(), Set.of());
        args.expectPositionals(1);
        String id = args.requirePositional(0, "the execution id (see `custodia executions`)");
        long executionId;
        try {
            executionId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new UsageException("the execution id must be a number, got '" + id + "'");
        }
        return RunCommand.report(context.bean(JobRunner.class).restart(executionId), context);
    }
}
