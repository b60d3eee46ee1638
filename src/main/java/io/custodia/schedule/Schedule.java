package io.custodia.schedule;

import io.custodia.batch.RunRequest;
import io.custodia.crypto.Hashes;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * One validated schedule file from {@code schedules/}: which job file to fire, when (a Quartz cron
 * expression in a time zone), and the operator's policies. The name is the file name without
 * {@code .yaml}; it is the Quartz job and trigger name.
 */
public record Schedule(String name, Path file, Path jobFile, String cron, ZoneId zone, MisfirePolicy misfire,
        OverlapPolicy overlap, RunKey runKey, boolean dryRun, String description) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** Fire times as they appear in run parameters and events: always with seconds and offset. */
    public static final DateTimeFormatter FIRE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** Look-back windows for the most recent fire: small first, so frequent crons iterate little. */
    private static final List<Duration> LOOK_BACK = List.of(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofHours(2),
            Duration.ofDays(2), Duration.ofDays(35), Duration.ofDays(400), Duration.ofDays(5 * 366));

    /** A fresh parsed expression in the schedule's zone (CronExpression is mutable; never share one). */
    public CronExpression cronExpression() {
        try {
            CronExpression e = new CronExpression(cron);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            return e;
        } catch (ParseException e) {
            throw new IllegalStateException("schedule " + name + ": cron '" + cron + "' no longer parses: " + e.getMessage(), e);
        }
    }

    /** The first fire strictly after {@code t}, in the schedule's zone. */
    public Optional<ZonedDateTime> nextFireAfter(Instant t) {
        Date d = cronExpression().getNextValidTimeAfter(Date.from(t));
        return Optional.ofNullable(d).map(x -> x.toInstant().atZone(zone));
    }

    public List<ZonedDateTime> nextFires(Instant after, int count) {
        CronExpression e = cronExpression();
        List<ZonedDateTime> out = new ArrayList<>();
        Date d = Date.from(after);
        while (out.size() < count && (d = e.getNextValidTimeAfter(d)) != null) {
            out.add(d.toInstant().atZone(zone));
        }
        return out;
    }

    /**
     * The most recent fire at or before {@code t}: what {@code --once} runs, and what a late fire
     * stands for (Quartz's fire-once-now hands over "now", not the missed time; the run date must
     * still be the missed fire's date). Empty when the cron never fired in the last five years.
     */
    public Optional<ZonedDateTime> latestFireAtOrBefore(Instant t) {
        CronExpression e = cronExpression();
        Date limit = Date.from(t);
        for (Duration window : LOOK_BACK) {
            Date f = e.getNextValidTimeAfter(Date.from(t.minus(window)));
            if (f == null || f.after(limit)) {
                continue;
            }
            for (Date n = e.getNextValidTimeAfter(f); n != null && !n.after(limit); n = e.getNextValidTimeAfter(n)) {
                f = n;
            }
            return Optional.of(f.toInstant().atZone(zone));
        }
        return Optional.empty();
    }

    /** The fire a Quartz fire at {@code scheduled} stands for: itself on time, else the latest missed cron time. */
    public ZonedDateTime intendedFire(Instant scheduled) {
        return latestFireAtOrBefore(scheduled).orElse(scheduled.atZone(zone));
    }

    /** The run a fire starts: its date in the schedule's zone, plus the fire time when the run key says so. */
    public RunRequest request(ZonedDateTime fire, boolean recovering) {
        ZonedDateTime local = fire.withZoneSameInstant(zone);
        return new RunRequest(jobFile, local.toLocalDate(), dryRun, runKey == RunKey.FIRE_TIME ? FIRE_TIME.format(local) : null, recovering);
    }

    /** Everything that changes what the trigger does: a node replaces a stored trigger only when this differs. */
    public String fingerprint() {
        return Hashes.sha256Hex(String.join("\n", jobFile.toString(), cron, zone.getId(), misfire.name(), overlap.name(), runKey.name(),
                Boolean.toString(dryRun)));
    }

    public String summary() {
        return "cron '" + cron + "' " + zone.getId() + ", misfire " + misfire.word() + ", overlap " + overlap.word()
                + (runKey == RunKey.DATE ? "" : ", run-key " + runKey.word()) + (dryRun ? ", dry run" : "");
    }
}
