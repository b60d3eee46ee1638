package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.RunRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Fire times in Asia/Shanghai (UTC+8, no daylight saving), checked against instants built with
 * java.time, not with Quartz: next fires, the most recent fire (what --once runs and what a late
 * fire stands for), and the run date a fire gives.
 */
class ScheduleTimesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Schedule schedule(String cron, RunKey key) {
        return new Schedule("s", Path.of("/s.yaml"), Path.of("/jobs/x.yaml"), cron, SHANGHAI, MisfirePolicy.FIRE_ONCE_NOW,
                OverlapPolicy.FORBID, key, false, "s");
    }

    static Instant shanghai(int y, int mo, int d, int h, int mi, int s) {
        return ZonedDateTime.of(y, mo, d, h, mi, s, 0, SHANGHAI).toInstant();
    }

    @Test
    void nightlyFireIsOneInTheMorningShanghaiTime() {
        Schedule nightly = schedule("0 0 1 * * ?", RunKey.DATE);
        Instant now = Instant.parse("2026-11-25T16:59:59Z"); // 2026-11-26 00:59:59 in Shanghai
        assertThat(nightly.nextFires(now, 3)).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-11-25T17:00:00Z"), Instant.parse("2026-11-26T17:00:00Z"), Instant.parse("2026-11-27T17:00:00Z"));
        ZonedDateTime next = nightly.nextFireAfter(now).orElseThrow();
        assertThat(Schedule.FIRE_TIME.format(next)).isEqualTo("2026-11-26T01:00:00+08:00");
        // the run date is the Shanghai date, a day ahead of the UTC date
        RunRequest run = nightly.request(next, false);
        assertThat(run.runDate()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(run.fireTime()).isNull();
    }

    @Test
    void quarterlyAndMonthlyFires() {
        Instant now = shanghai(2026, 11, 25, 12, 0, 0);
        assertThat(schedule("0 0 4 1 1,4,7,10 ?", RunKey.DATE).nextFires(now, 3)).extracting(ZonedDateTime::toInstant)
                .containsExactly(shanghai(2027, 1, 1, 4, 0, 0), shanghai(2027, 4, 1, 4, 0, 0), shanghai(2027, 7, 1, 4, 0, 0));
        assertThat(schedule("0 0 5 1 * ?", RunKey.DATE).nextFires(now, 2)).extracting(ZonedDateTime::toInstant)
                .containsExactly(shanghai(2026, 12, 1, 5, 0, 0), shanghai(2027, 1, 1, 5, 0, 0));
    }

    @Test
    void mostRecentFire() {
        Schedule nightly = schedule("0 0 1 * * ?", RunKey.DATE);
        assertThat(nightly.latestFireAtOrBefore(shanghai(2026, 11, 25, 1, 0, 0))).map(ZonedDateTime::toInstant)
                .contains(shanghai(2026, 11, 25, 1, 0, 0));
        assertThat(nightly.latestFireAtOrBefore(shanghai(2026, 11, 25, 0, 59, 59))).map(ZonedDateTime::toInstant)
                .contains(shanghai(2026, 11, 24, 1, 0, 0));
        assertThat(schedule("0 0 4 1 1,4,7,10 ?", RunKey.DATE).latestFireAtOrBefore(shanghai(2026, 11, 25, 12, 0, 0)))
                .map(ZonedDateTime::toInstant).contains(shanghai(2026, 10, 1, 4, 0, 0));
        assertThat(schedule("* * * * * ?", RunKey.DATE).latestFireAtOrBefore(Instant.parse("2026-11-25T10:00:07.900Z")))
                .map(ZonedDateTime::toInstant).contains(Instant.parse("2026-11-25T10:00:07Z"));
        assertThat(schedule("0 0 1 1 1 ? 2030", RunKey.DATE).latestFireAtOrBefore(shanghai(2026, 11, 25, 12, 0, 0))).isEmpty();
    }

    @Test
    void aLateFireStandsForTheCronTimeItMissed() {
        Schedule nightly = schedule("0 0 1 * * ?", RunKey.DATE);
        // fire-once-now hands over "now" (09:13:27.4) as scheduled time; the run is still the 01:00 one, same date
        ZonedDateTime intended = nightly.intendedFire(shanghai(2026, 11, 25, 9, 13, 27).plusMillis(400));
        assertThat(intended.toInstant()).isEqualTo(shanghai(2026, 11, 25, 1, 0, 0));
        assertThat(nightly.request(intended, false).runDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        // an on-time fire stands for itself
        assertThat(nightly.intendedFire(shanghai(2026, 11, 25, 1, 0, 0)).toInstant()).isEqualTo(shanghai(2026, 11, 25, 1, 0, 0));
    }

    @Test
    void fireTimeRunKeyIdentifiesEachFire() {
        Schedule frequent = schedule("0 */10 * * * ?", RunKey.FIRE_TIME);
        ZonedDateTime fire = frequent.nextFireAfter(Instant.parse("2026-11-25T17:55:00Z")).orElseThrow();
        RunRequest run = frequent.request(fire, true);
        assertThat(run.runDate()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(run.fireTime()).isEqualTo("2026-11-26T02:00:00+08:00");
        assertThat(run.recovering()).isTrue();
        assertThat(run.describe()).isEqualTo("2026-11-26 (fire 2026-11-26T02:00:00+08:00)");
    }
}
