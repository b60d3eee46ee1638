package io.custodia.cli;

import io.custodia.batch.JobRunner;
import io.custodia.batch.RunOutcome;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** {@code custodia run <jobs/FILE.yaml> [--date YYYY-MM-DD] [--dry-run]} */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a job file for a date (resumes that date's run if it failed)";
    }

    @Override
    public String usage() {
        return """
                usage: custodia run <jobs/FILE.yaml> [--date YYYY-MM-DD] [--dry-run]

                Validates the job file, its catalog and the data's schema, then runs the job. A run is
                identified by its job file and date: the same date again is refused if it completed and
                resumed from where it stopped if it failed. --date defaults to today; --dry-run plans
                and reports without changing data (for jobs that change data).
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("date"), Set.of("dry-run"));
        args.expectPositionals(1);
        Path file = Path.of(args.requirePositional(0, "the job file (e.g. jobs/inventory.yaml)"));
        LocalDate date = args.date("date", LocalDate.now());
        RunOutcome outcome = context.bean(JobRunner.class).run(file, date, args.flag("dry-run"));
        return report(outcome, context);
    }

    static int report(RunOutcome outcome, Context context) {
        if (outcome.alreadyDone()) {
            context.out.println(outcome.message());
        } else if (outcome.succeeded()) {
            context.out.println("execution " + outcome.executionId() + ": COMPLETED");
        } else {
            context.err.println("custodia: execution " + outcome.executionId() + " " + outcome.status() + ": " + outcome.message());
            context.err.println("  fix the cause, then resume it with `./custodia restart " + outcome.executionId()
                    + "` (or run the same job file and date again)");
        }
        if (outcome.report() != null) {
            context.out.println("report: " + outcome.report());
        }
        return outcome.succeeded() ? 0 : 1;
    }
}
