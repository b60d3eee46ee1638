package io.custodia.cli;

import io.custodia.batch.RunOutcome;
import io.custodia.purge.Approval;
import io.custodia.purge.PurgeService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** {@code custodia purge plan|approve|execute}: the destruction process of seed 003 (plan, approval, destruction). */
final class PurgeCommand implements Command {
    @Override
    public String name() {
        return "purge";
    }

    @Override
    public String summary() {
        return "purge plan | approve | execute: plan destruction, approve a plan by name, execute it";
    }

    @Override
    public String usage() {
        return """
                usage: custodia purge plan <jobs/FILE.yaml> [--date YYYY-MM-DD]
                       custodia purge approve <plan-id> --by NAME [--note TEXT]
                       custodia purge execute <plan-id>

                plan     computes what the purge job file would destroy on the date (default today): rows
                         and values per dataset, level and reason, rows kept under legal hold, rows awaiting
                         approval. Writes var/purge/plans/<plan-id>.json (counts and file hashes only) and
                         changes nothing. The same inputs on the same date give the same plan id.
                approve  records NAME's approval of the whole plan as a signed entry in the evidence
                         ledger. Refused when the plan's inputs changed since (plan again) or when NAME is
                         the operator who runs purges (custodia.operator).
                execute  runs the purge job for an approved plan: every reason in it, including erasure
                         requests the job file does not pre-approve. Refused, destroying nothing, when any
                         input changed since planning. Running it again resumes or does nothing.

                The nightly `custodia run jobs/nightly-purge.yaml` plans and executes in one go what the
                job file pre-approves (auto-approve: policy); `custodia run ... --dry-run` only plans.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("date", "by", "note"), Set.of());
        args.expectPositionals(2);
        String sub = args.requirePositional(0, "a sub-command: plan, approve or execute");
        PurgeService purge;
        switch (sub) {
            case "plan" -> {
                Path file = Path.of(args.requirePositional(1, "the purge job file (e.g. jobs/nightly-purge.yaml)"));
                LocalDate date = args.date("date", LocalDate.now());
                purge = context.bean(PurgeService.class);
                purge.describe(purge.plan(file, date)).forEach(context.out::println);
                return 0;
            }
            case "approve" -> {
                String id = args.requirePositional(1, "the plan id (printed by `custodia purge plan`)");
                if (!args.options.containsKey("by")) {
                    throw new UsageException("--by NAME is required: who approves this destruction");
                }
                purge = context.bean(PurgeService.class);
                Approval a = purge.approve(id, args.option("by", null), args.option("note", ""));
                context.out.println("plan " + a.plan() + " approved by " + a.approvedBy() + " at " + a.approvedAt()
                        + " (evidence ledger entry " + Approval.ENTRY_TYPE + "); execute it with: custodia purge execute " + a.plan());
                return 0;
            }
            case "execute" -> {
                String id = args.requirePositional(1, "the plan id");
                RunOutcome o = context.bean(PurgeService.class).execute(id);
                return RunCommand.report(o, context);
            }
            default -> throw new UsageException("unknown purge sub-command '" + sub + "'");
        }
    }
}
