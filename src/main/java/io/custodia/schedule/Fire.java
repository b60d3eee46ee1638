package io.custodia.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * One fire of a schedule: the cron time it stands for ({@code intended}, in the schedule's zone —
 * it decides the run date), when it actually started, and whether Quartz delivers it as a
 * recovery of a fire whose node died.
 */
public record Fire(Schedule schedule, ZonedDateTime intended, Instant actual, boolean recovering) {
    public Duration lateBy() {
        return Duration.between(intended.toInstant(), actual);
    }

    public String intendedText() {
        return Schedule.FIRE_TIME.format(intended);
    }
}
