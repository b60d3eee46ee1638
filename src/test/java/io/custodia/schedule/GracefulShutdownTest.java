package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.support.BatchTables;
import io.custodia.support.TestHome;
import io.custodia.support.TinyCompany;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM to a real scheduler process whose job is held inside a step (a crash point in a
 * partition): the scheduler waits the configured shutdown timeout, then stops the run —
 * JobOperator.stop and an interrupt — so the execution and every step end FAILED or STOPPED,
 * never STARTED, and the run resumes to the correct result.
 */
class GracefulShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermStopsARunningJobSoItCanResume() throws Exception {
        TestHome home = new TestHome(tmp);
        TinyCompany company = new TinyCompany(tmp, 400);
        Path schedules = Files.createDirectories(tmp.resolve("schedules"));
        Files.writeString(schedules.resolve("often.yaml"), """
                job-file: ../jobs/inventory.yaml
                cron: "* * * * * ?"
                misfire: fire-once-now
                """);
        assertThat(home.cli("keys", "init").exitCode()).isZero();

        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=inventory.scan.orders", "-XX:TieredStopAtLevel=1"), "scheduler", "--schedules", schedules.toString(),
                "--custodia.scheduler.shutdown-timeout=1s", "--custodia.scheduler.stop-timeout=20s");
        ChildOutput out = new ChildOutput(child);
        try {
            out.await(l -> l.startsWith("scheduler started: 1 schedule(s)"), Duration.ofMinutes(2), "scheduler started");
            out.await(l -> l.equals(CrashPoints.MARKER + "inventory.scan.orders"), Duration.ofMinutes(1), "the crash-point marker");
            assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status).containsExactly("STARTED");

            child.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the scheduler exits after stopping its run; output:\n%s", out.text()).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(out.all()).isZero();
        assertThat(out.all()).as(log()).contains("SIGTERM received: stopping the scheduler gracefully").contains("scheduler stopped")
                .doesNotContain("ERROR");

        List<BatchTables.Execution> executions = BatchTables.executions(tmp.resolve("var/state"));
        assertThat(executions).singleElement().extracting(BatchTables.Execution::status).isIn("FAILED", "STOPPED");
        assertThat(stepStatuses(1)).as("step statuses; the child's log:\n%s", log()).isNotEmpty().doesNotContain("STARTED", "STARTING", "STOPPING");
        assertThat(SchedulerEvents.at(tmp.resolve("reports/scheduler/events.jsonl")).read())
                .extracting(SchedulerEvents.Event::event).containsSubsequence("scheduled", "fired", "stopped", "failed");

        assertThat(count("QRTZ_FIRED_TRIGGERS")).as("Quartz recorded the fire's end: nothing to 'recover' at the next start").isZero();

        TestHome.Result resumed = home.cli("restart", "1");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status).endsWith("COMPLETED");
        var report = JsonMapper.builder().build().readTree(home.files("report.json").getFirst().toFile());
        assertThat(report.path("facts").path("rows").asLong()).isEqualTo(company.rows);
    }

    String log() throws java.io.IOException {
        Path f = tmp.resolve("var/logs/custodia.log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }

    long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("var/state/custodia") + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> stepStatuses(long jobExecutionId) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("var/state/custodia") + ";AUTO_SERVER=TRUE", "sa", "");
                var ps = c.prepareStatement("select STATUS from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = ?")) {
            ps.setLong(1, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
