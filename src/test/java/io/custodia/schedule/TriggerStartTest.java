package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.quartz.spi.OperableTrigger;

/**
 * A trigger stored (or replaced) during the second of one of its cron times must not fire that
 * time: the trigger it replaces, on this node or another, may already have fired it.
 */
class TriggerStartTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant firstFire(String cron, Instant storedAt) {
        Schedule s = new Schedule("s", Path.of("/schedules/s.yaml"), Path.of("/jobs/inventory.yaml"), cron, SHANGHAI,
                MisfirePolicy.FIRE_ONCE_NOW, OverlapPolicy.FORBID, RunKey.FIRE_TIME, false, "test");
        OperableTrigger t = (OperableTrigger) ScheduleJobs.trigger(s, Date.from(storedAt));
        return t.computeFirstFireTime(null).toInstant();
    }

    @Test
    void storedWithinAFiringSecondStartsAtTheNextCronTime() {
        Instant two = ZonedDateTime.of(2026, 12, 4, 2, 0, 0, 0, SHANGHAI).toInstant();
        assertThat(firstFire("0 0 2 * * ?", two.plusMillis(400))).isEqualTo(two.plusSeconds(86_400));
        assertThat(firstFire("* * * * * ?", two.plusMillis(400))).isEqualTo(two.plusSeconds(1));
        assertThat(firstFire("* * * * * ?", two.plusMillis(999))).isEqualTo(two.plusSeconds(1));
    }

    @Test
    void storedOnAWholeSecondOrBeforeStillFiresIt() {
        Instant two = ZonedDateTime.of(2026, 12, 4, 2, 0, 0, 0, SHANGHAI).toInstant();
        assertThat(firstFire("0 0 2 * * ?", two)).isEqualTo(two);
        assertThat(firstFire("0 0 2 * * ?", two.minusMillis(1))).isEqualTo(two);
        assertThat(firstFire("0 0 2 * * ?", two.minusSeconds(3600))).isEqualTo(two);
    }
}
