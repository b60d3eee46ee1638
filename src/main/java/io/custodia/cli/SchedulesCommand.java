package io.custodia.cli;

import io.custodia.schedule.Schedule;
import io.custodia.schedule.ScheduleFiles;
import io.custodia.schedule.SchedulerEvents;
import io.custodia.schedule.SchedulerService;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code custodia schedules [--schedules DIR] [--count N] [--now TIME]} */
final class SchedulesCommand implements Command {
    @Override
    public String name() {
        return "schedules";
    }

    @Override
    public String summary() {
        return "list the schedules with their next fire times (and check them)";
    }

    @Override
    public String usage() {
        return """
                usage: custodia schedules [--schedules DIR] [--count N] [--now TIME]

                Validates every schedule in schedules/ (or DIR) and the job files they fire, and lists each
                valid one with its next N fire times (default 3) in its time zone, and the last thing the
                scheduler report says about it. A schedule with an error (bad cron, unknown zone, missing
                job file, unknown key…) is listed as an error with file:line:column and the exit code is 2 —
                the scheduler would refuse to start. --now TIME (ISO-8601) computes the fire times from TIME.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("schedules", "count", "now"), Set.of());
        args.expectPositionals(0);
        int count = (int) args.longOption("count", 3);
        Instant now = now(args, false);
        SchedulerService service = context.bean(SchedulerService.class);
        Path dir = service.schedulesDir(args.path("schedules", null));
        ScheduleFiles.Loaded loaded = service.load(dir, now);
        Map<String, SchedulerEvents.Event> last = service.events().lastBySchedule();
        context.out.println(loaded.schedules().size() + " schedule(s) in " + loaded.dir() + (loaded.errors().isEmpty() ? ""
                : ", " + loaded.errors().size() + " with errors"));
        for (Schedule s : loaded.schedules()) {
            context.out.println();
            context.out.println(s.name() + " — " + s.description());
            context.out.println("  fires " + display(context, s.jobFile()) + ": " + s.summary());
            context.out.println("  next  " + s.nextFires(now, count).stream().map(Schedule.FIRE_TIME::format).collect(Collectors.joining(", ")));
            SchedulerEvents.Event e = last.get(s.name());
            if (e != null) {
                context.out.println("  last  " + e.event() + (e.fire() == null ? "" : " " + e.fire()) + (e.execution() == null ? "" : " execution " + e.execution())
                        + " (reported " + e.time() + " by " + e.node() + ")");
            }
        }
        for (String w : loaded.warnings()) {
            context.out.println("warning: " + w);
        }
        if (!loaded.errors().isEmpty()) {
            context.err.println("custodia schedules: configuration error: " + loaded.errors().size() + " schedule file(s) are invalid; the scheduler would not start:");
            loaded.errors().forEach(m -> context.err.println("  " + m));
            return 2;
        }
        return 0;
    }

    static String display(Context context, Path p) {
        return p.startsWith(context.home()) ? context.home().relativize(p).toString() : p.toString();
    }

    /** --now as an instant (ISO-8601 with offset, or …Z); for --once never later than the real time. */
    static Instant now(Args args, boolean notFuture) {
        String v = args.options.get("now");
        Instant real = Instant.now();
        if (v == null) {
            return real;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--now must be an ISO-8601 time with offset such as 2026-11-25T02:00:30+08:00, got '" + v + "'");
        }
        if (notFuture && t.isAfter(real)) {
            throw new UsageException("--now " + v + " is in the future; --once only fires what is already due");
        }
        return t;
    }
}
