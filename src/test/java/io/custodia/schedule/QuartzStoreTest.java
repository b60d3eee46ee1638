package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Quartz JDBC store across restarts, on H2 and PostgreSQL: tables are created once and never
 * dropped, so a stored trigger keeps its next fire time (and any pending misfire) when a node
 * restarts; an unchanged schedule is kept, a changed one replaced, a deleted one removed.
 */
class QuartzStoreTest {
    @TempDir
    Path tmp;

    static Schedule schedule(String name, String cron) {
        return new Schedule(name, Path.of("/schedules/" + name + ".yaml"), Path.of("/jobs/inventory.yaml"), cron, ZoneId.of("Asia/Shanghai"),
                MisfirePolicy.FIRE_ONCE_NOW, OverlapPolicy.FORBID, RunKey.DATE, false, name);
    }

    static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One node start: schema check, then the schedules synced into the store; returns the trigger's next fire time. */
    static ScheduleJobs.Sync start(DataSource ds, List<Schedule> schedules, Date now, Date[] nextFire) throws Exception {
        new QuartzSchema(ds).afterPropertiesSet();
        SchedulerProperties p = new SchedulerProperties(null, Duration.ofSeconds(30), Duration.ofSeconds(10), 2, true, Duration.ofMillis(7500),
                Duration.ofSeconds(60), "store-test", Map.of());
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        SchedulerFactoryBean factory = QuartzFactory.create(p, ds, tx, SchedulerService.jobFactory(f -> null, new RunningFires()));
        try {
            Scheduler scheduler = factory.getScheduler();
            ScheduleJobs.Sync sync = new TransactionTemplate(tx).execute(s -> {
                try {
                    return ScheduleJobs.sync(scheduler, schedules, now);
                } catch (org.quartz.SchedulerException e) {
                    throw new IllegalStateException(e);
                }
            });
            var t = scheduler.getTrigger(TriggerKey.triggerKey("nightly", ScheduleJobs.GROUP));
            nextFire[0] = t == null ? null : t.getNextFireTime();
            return sync;
        } finally {
            factory.destroy();
        }
    }

    void restartsKeepTriggers(DataSource ds) throws Exception {
        Date[] next = new Date[1];
        Date firstStart = Date.from(java.time.Instant.parse("2026-11-20T00:00:00Z"));
        ScheduleJobs.Sync first = start(ds, List.of(schedule("nightly", "0 0 1 * * ?"), schedule("weekly", "0 0 2 ? * MON")), firstStart, next);
        assertThat(first.added()).containsExactly("nightly", "weekly");
        Date stored = next[0];
        assertThat(stored.toInstant()).isEqualTo(java.time.Instant.parse("2026-11-20T17:00:00Z")); // 01:00 on the 21st in Shanghai
        assertThat(count(ds, "QRTZ_TRIGGERS")).isEqualTo(2);

        // a restart days later with the same schedules: the stored trigger and its (now past) next fire time stay, for the misfire policy
        ScheduleJobs.Sync again = start(ds, List.of(schedule("nightly", "0 0 1 * * ?"), schedule("weekly", "0 0 2 ? * MON")), new Date(), next);
        assertThat(again.kept()).containsExactly("nightly", "weekly");
        assertThat(again.added()).isEmpty();
        assertThat(next[0]).isEqualTo(stored);

        // changed cron → replaced from now; schedule file deleted → its job and trigger are removed
        ScheduleJobs.Sync changed = start(ds, List.of(schedule("nightly", "0 30 1 * * ?")), new Date(), next);
        assertThat(changed.replaced()).containsExactly("nightly");
        assertThat(changed.removed()).containsExactly("weekly");
        assertThat(next[0]).isAfter(new Date());
        assertThat(count(ds, "QRTZ_TRIGGERS")).isEqualTo(1);
        assertThat(count(ds, "QRTZ_JOB_DETAILS")).isEqualTo(1);
    }

    @Test
    void h2StoreSurvivesRestarts() throws Exception {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
        restartsKeepTriggers(ds);
    }

    @Test
    void anIncompleteSchemaIsAnErrorNotRepairedByDropping() throws Exception {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
        new QuartzSchema(ds).afterPropertiesSet();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("insert into QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) values ('x', 'TRIGGER_ACCESS')");
            c.createStatement().execute("drop table QRTZ_CALENDARS");
        }
        assertThatThrownBy(() -> new QuartzSchema(ds).afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the Quartz tables are incomplete (missing QRTZ_CALENDARS); Custodia never drops tables");
        assertThat(count(ds, "QRTZ_LOCKS")).isEqualTo(1);
    }

    @Test
    void theScriptsLoseTheirDrops() {
        assertThat(QuartzSchema.withoutDrops("DROP TABLE IF EXISTS QRTZ_LOCKS;\nCREATE TABLE A (X INT);\n  drop table b;\nCOMMIT;\n"))
                .isEqualTo("CREATE TABLE A (X INT);\n");
    }

    @Test
    @Tag("postgres")
    void postgresStoreSurvivesRestarts() throws Exception {
        try (Postgres pg = Postgres.freshDatabase()) {
            DataSource ds = new DriverManagerDataSource(pg.url(), Postgres.USER, "");
            restartsKeepTriggers(ds);
        }
    }
}
