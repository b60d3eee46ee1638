package io.custodia.cli;

import io.custodia.schedule.SchedulerService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code custodia scheduler [--schedules DIR] [--once [--now TIME]]} */
final class SchedulerCommand implements Command {
    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public String summary() {
        return "run the schedules in schedules/ (long-running; --once: fire what is due now and exit)";
    }

    @Override
    public String usage() {
        return """
                usage: custodia scheduler [--schedules DIR]
                       custodia scheduler --once [--schedules DIR] [--now TIME]

                Loads every schedule file in schedules/ (or DIR) and validates all of them and the job files
                they fire; on any error nothing starts (exit 2, every problem listed with file:line:column).
                Then fires each job file through Quartz at its cron times, with the fire's date in the
                schedule's time zone as run date: a re-fire of the same night resumes a failed run or does
                nothing, never runs it twice. One job file never runs twice at once, on any node.
                With --spring.profiles.active=production the Quartz store is the shared PostgreSQL database
                and several nodes form a cluster: each fire runs once, and a dead node's fire is recovered
                and restarted by another. SIGTERM stops gracefully: running jobs get
                custodia.scheduler.shutdown-timeout (default 30s), then are stopped so they can resume.
                What happened to each fire is in reports/scheduler/events.jsonl and the log.

                --once   fire what is due now — each schedule's most recent fire time, unless that run
                         completed — one after another, then exit (for cron or a systemd timer). Exit 1 if a
                         run failed or was refused.
                --now    with --once: evaluate as of TIME (ISO-8601, e.g. 2026-11-25T02:00:30+08:00; not later
                         than the real time), e.g. to catch up after an outage.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) throws Exception {
        Args args = Args.parse(raw, Set.of("schedules", "now"), Set.of("once"));
        args.expectPositionals(0);
        SchedulerService service = context.bean(SchedulerService.class);
        Path dir = service.schedulesDir(args.path("schedules", null));
        if (!args.flag("once")) {
            if (args.options.containsKey("now")) {
                throw new UsageException("--now goes with --once only");
            }
            service.run(dir, context.out);
            return 0;
        }
        Instant now = SchedulesCommand.now(args, true);
        int bad = 0;
        for (SchedulerService.OnceResult r : service.once(dir, now)) {
            String line = r.schedule().name() + ": " + r.result().word() + (r.fire() == null ? "" : ", fire " + r.fire())
                    + (r.result().executionId() == null ? "" : ", execution " + r.result().executionId())
                    + (r.result().message() == null || r.result().message().isEmpty() ? "" : " — " + r.result().message());
            if (r.result().ok()) {
                context.out.println(line);
            } else {
                context.err.println(line);
                bad++;
            }
        }
        if (bad > 0) {
            context.err.println("custodia scheduler: " + bad + " due run(s) failed or were refused; see above and reports/scheduler/events.jsonl");
            return 1;
        }
        return 0;
    }
}
