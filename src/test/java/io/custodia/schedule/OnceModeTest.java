package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.BatchTables;
import io.custodia.support.TestHome;
import io.custodia.support.TinyCompany;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scheduler --once} (for cron and systemd timers) and {@code schedules}, through the CLI on
 * the default H2 store, with a real inventory job on a small company built by the test.
 */
class OnceModeTest {
    @TempDir
    Path tmp;
    TestHome home;
    TinyCompany company;
    Path schedules;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        company = new TinyCompany(tmp, 500);
        schedules = Files.createDirectories(tmp.resolve("schedules"));
        Files.writeString(schedules.resolve("nightly-inventory.yaml"), """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                misfire: fire-once-now
                """);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    List<JsonNode> reports() {
        return home.files("report.json").stream().map(p -> JsonMapper.builder().build().readTree(p.toFile())).toList();
    }

    @Test
    void onceRunsWhatIsDueExactlyOnce() throws Exception {
        // 01:00:30 on the 10th in Shanghai: the 01:00 fire of that day is due
        TestHome.Result first = home.cli("scheduler", "--once", "--schedules", schedules.toString(), "--now", "2026-11-10T01:00:30+08:00");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("nightly-inventory: completed, fire 2026-11-10T01:00:00+08:00, execution 1 — report ");
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status).containsExactly("COMPLETED");
        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.path("runDate").asString()).isEqualTo("2026-11-10");
            assertThat(r.path("facts").path("rows").asLong()).isEqualTo(company.rows);
        });

        TestHome.Result second = home.cli("scheduler", "--once", "--schedules", schedules.toString(), "--now", "2026-11-10T01:05:00+08:00");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("nightly-inventory: noop, fire 2026-11-10T01:00:00+08:00, execution 1 — already completed as execution 1");
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).hasSize(1);
        assertThat(reports()).hasSize(1);

        // the next night is a new run
        TestHome.Result next = home.cli("scheduler", "--once", "--schedules", schedules.toString(), "--now", "2026-11-11T01:00:01+08:00");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status)
                .containsExactly("COMPLETED", "COMPLETED");
        assertThat(reports()).extracting(r -> r.path("runDate").asString()).containsExactlyInAnyOrder("2026-11-10", "2026-11-11");

        List<SchedulerEvents.Event> events = SchedulerEvents.at(tmp.resolve("reports/scheduler/events.jsonl")).read();
        assertThat(events).extracting(SchedulerEvents.Event::event).containsExactly("fired", "completed", "fired", "completed");
        assertThat(events).extracting(SchedulerEvents.Event::fire).containsExactly("2026-11-10T01:00:00+08:00", "2026-11-10T01:00:00+08:00",
                "2026-11-11T01:00:00+08:00", "2026-11-11T01:00:00+08:00");

        // `schedules` lists the next fire times from --now, and the last thing the scheduler report says
        TestHome.Result listed = home.cli("schedules", "--schedules", schedules.toString(), "--now", "2026-11-11T12:00:00+08:00", "--count", "2");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).contains("1 schedule(s) in " + schedules)
                .contains("fires jobs/inventory.yaml: cron '0 0 1 * * ?' Asia/Shanghai, misfire fire-once-now, overlap forbid")
                .contains("next  2026-11-12T01:00:00+08:00, 2026-11-13T01:00:00+08:00")
                .contains("last  completed 2026-11-11T01:00:00+08:00 execution 2");
    }

    @Test
    void skipPolicyDoesNotRunAFireMissedLongAgo() throws Exception {
        Files.writeString(schedules.resolve("monthly.yaml"), """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 5 1 * ?"
                misfire: skip
                """);
        TestHome.Result r = home.cli("scheduler", "--once", "--schedules", schedules.toString(), "--now", "2026-11-10T01:00:30+08:00");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("monthly: skipped, fire 2026-11-01T05:00:00+08:00 — missed by 763230 s, more than the misfire threshold 60 s; misfire: skip")
                .contains("nightly-inventory: completed");
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).hasSize(1);
        assertThat(SchedulerEvents.at(tmp.resolve("reports/scheduler/events.jsonl")).read())
                .filteredOn(e -> e.schedule().equals("monthly")).singleElement()
                .satisfies(e -> {
                    assertThat(e.event()).isEqualTo("missed");
                    assertThat(e.message()).contains("not run (misfire: skip)").contains("next fire 2026-12-01T05:00:00+08:00");
                });
    }

    @Test
    void anInvalidScheduleStopsEverything() throws Exception {
        Files.writeString(schedules.resolve("backup.yaml"), """
                job-file: ../jobs/nightly-backup.yaml
                cron: "0 0 2 * * ?"
                misfire: fire-once-now
                """);
        TestHome.Result listed = home.cli("schedules", "--schedules", schedules.toString());
        assertThat(listed.exitCode()).isEqualTo(2);
        assertThat(listed.out()).contains("nightly-inventory");
        assertThat(listed.err()).contains(schedules.resolve("backup.yaml") + ":1:11: job-file: no such job file");

        TestHome.Result daemon = home.cli("scheduler", "--schedules", schedules.toString());
        assertThat(daemon.exitCode()).isEqualTo(2);
        assertThat(daemon.err()).startsWith("custodia scheduler: configuration error: " + schedules.resolve("backup.yaml") + ":1:11:");
        assertThat(daemon.out()).doesNotContain("scheduler started");
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).isEmpty();
    }
}
