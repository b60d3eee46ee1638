package io.custodia.schedule;

import io.custodia.config.ConfigException;
import io.custodia.config.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.quartz.CronExpression;

/**
 * Reads and validates every schedule file in a directory. Every problem — bad cron, unknown time
 * zone, missing job file, unknown key, missing policy, and any configuration error in the job file
 * a schedule fires — is collected with its file:line:column, so an operator sees all of them at
 * once; the scheduler starts only when there are none.
 *
 * <pre>
 * # schedules/nightly-inventory.yaml
 * description: Nightly personal-data inventory
 * job-file: ../jobs/inventory.yaml   # relative to this file
 * cron: "0 30 1 * * ?"               # Quartz: second minute hour day-of-month month day-of-week [year]
 * time-zone: Asia/Shanghai           # optional, default Asia/Shanghai
 * misfire: fire-once-now             # required: fire-once-now | skip
 * overlap: forbid                    # optional, default forbid: forbid | allow
 * run-key: date                      # optional, default date: date | fire-time
 * parameters:
 *   dry-run: false                   # optional, default false
 * </pre>
 */
public final class ScheduleFiles {
    static final Set<String> KEYS = Set.of("description", "job-file", "cron", "time-zone", "misfire", "overlap", "run-key", "parameters");
    static final Set<String> PARAMETER_KEYS = Set.of("dry-run");

    private ScheduleFiles() {
    }

    /**
     * Checks the job file a schedule fires. Throws {@link ConfigException} for configuration
     * problems (they stop the scheduler); any other exception is a data problem of the moment
     * (e.g. a dataset's files are missing), reported as a warning: the run itself will fail and be
     * reported if it is not fixed by then.
     */
    @FunctionalInterface
    public interface JobFileCheck {
        void check(Path jobFile);
    }

    /** What a directory held: the valid schedules, every error (file:line:column …) and warnings. */
    public record Loaded(Path dir, List<Schedule> schedules, List<String> errors, List<String> warnings) {
        /** The schedules, or a ConfigException listing every error, one per line. */
        public List<Schedule> requireValid() {
            if (!errors.isEmpty()) {
                throw new ConfigException(String.join("\n", errors) + (errors.size() > 1 ? "\n(" + errors.size() + " problems)" : ""));
            }
            return schedules;
        }
    }

    public static Loaded load(Path dir, JobFileCheck check, Instant now) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ConfigException(abs + ":1:1: no schedules directory here; pass --schedules DIR or create it with one .yaml file per schedule");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(abs)) {
            files = s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + abs + ": " + e.getMessage(), e);
        }
        List<Schedule> schedules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            try {
                Schedule s = parse(f, now);
                if (schedules.stream().anyMatch(o -> o.name().equals(s.name()))) {
                    throw new ConfigException(f + ":1:1: a schedule named '" + s.name() + "' exists already (as .yaml and .yml?); names must be unique");
                }
                try {
                    check.check(s.jobFile());
                } catch (ConfigException e) {
                    throw new ConfigException(e.getMessage() + " (job file fired by " + f + ")", e);
                } catch (RuntimeException e) {
                    warnings.add(f.getFileName() + ": its job file " + s.jobFile() + " does not validate against the data right now: "
                            + rootMessage(e) + " — the scheduler starts anyway; the run fails and is reported if this is not fixed by then");
                }
                schedules.add(s);
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
        }
        return new Loaded(abs, List.copyOf(schedules), List.copyOf(errors), List.copyOf(warnings));
    }

    /** Parses and validates one schedule file (the job file's own content is checked by the caller). */
    public static Schedule parse(Path file, Instant now) {
        Path abs = file.toAbsolutePath().normalize();
        YamlNode root = YamlNode.load(abs);
        root.requireOnlyKeys(KEYS);

        YamlNode jobNode = root.require("job-file");
        Path jobFile = abs.getParent().resolve(jobNode.asString()).normalize();
        if (!Files.isRegularFile(jobFile)) {
            throw jobNode.error("no such job file " + jobFile + " (job-file is relative to the schedule file)");
        }

        ZoneId zone = Schedule.DEFAULT_ZONE;
        var zoneNode = root.optional("time-zone");
        if (zoneNode.isPresent()) {
            try {
                zone = ZoneId.of(zoneNode.get().asString().trim());
            } catch (DateTimeException e) {
                throw zoneNode.get().error("unknown time zone '" + zoneNode.get().asString() + "'; use a region id such as Asia/Shanghai or UTC");
            }
        }

        YamlNode cronNode = root.require("cron");
        String cron = cronNode.asString().trim();
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            int fields = cron.split("\\s+").length;
            throw cronNode.error("invalid Quartz cron expression '" + cron + "': " + e.getMessage().strip()
                    + (fields == 5 ? " — Quartz cron has a seconds field first (6 or 7 fields), e.g. '0 30 1 * * ?' for 01:30 every day"
                            : " — fields: second minute hour day-of-month month day-of-week [year]; one of the two day fields must be '?'"));
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        if (expression.getNextValidTimeAfter(Date.from(now)) == null) {
            throw cronNode.error("cron '" + cron + "' never fires after " + now + "; nothing would ever run");
        }

        var misfireNode = root.optional("misfire");
        if (misfireNode.isEmpty()) {
            throw root.error("missing required key 'misfire': say what happens to a fire missed while the scheduler was down"
                    + " or the previous run was still going — fire-once-now (run it once, late) or skip (wait for the next time)");
        }
        MisfirePolicy misfire = misfireNode.get().asEnum(MisfirePolicy.class);
        OverlapPolicy overlap = root.optional("overlap").map(n -> n.asEnum(OverlapPolicy.class)).orElse(OverlapPolicy.FORBID);
        RunKey runKey = root.optional("run-key").map(n -> n.asEnum(RunKey.class)).orElse(RunKey.DATE);
        boolean dryRun = false;
        var params = root.optional("parameters");
        if (params.isPresent()) {
            params.get().requireOnlyKeys(PARAMETER_KEYS);
            dryRun = params.get().optional("dry-run").map(YamlNode::asBoolean).orElse(false);
        }
        String name = abs.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return new Schedule(name, abs, jobFile, cron, zone, misfire, overlap, runKey, dryRun,
                root.optionalString("description").orElse(name));
    }

    static String rootMessage(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur.getMessage() == null ? cur.getClass().getSimpleName() : cur.getMessage();
    }
}
