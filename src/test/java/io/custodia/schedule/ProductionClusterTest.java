package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.support.TestHome;
import io.custodia.support.TinyCompany;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode for real: scheduler nodes are separate JVMs with the production profile on a
 * fresh PostgreSQL database each test, sharing the JobRepository and the clustered Quartz store.
 * What ran is read back from the BATCH_ tables with plain SQL, not through Custodia.
 */
@Tag("postgres")
class ProductionClusterTest {
    @TempDir
    Path tmp;

    Process node(TestHome home, Postgres pg, Path schedules, List<String> jvm) throws Exception {
        return node(home, pg, schedules, jvm, List.of());
    }

    Process node(TestHome home, Postgres pg, Path schedules, List<String> jvm, List<String> settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("scheduler", "--schedules", schedules.toString(),
                "--custodia.scheduler.cluster-checkin-interval=1s", "--custodia.scheduler.misfire-threshold=1s"));
        args.addAll(settings);
        args.addAll(pg.productionSettings());
        List<String> options = new ArrayList<>(jvm);
        options.add("-XX:TieredStopAtLevel=1"); // quicker start on a busy machine; these runs are tiny
        return home.child(options, args.toArray(String[]::new));
    }

    static void stop(ChildOutput node) throws Exception {
        node.process().toHandle().destroy(); // SIGTERM
        assertThat(node.process().waitFor(2, TimeUnit.MINUTES)).as("node %s stops on SIGTERM", node.process().pid()).isTrue();
        assertThat(node.process().exitValue()).as(node.all()).isZero();
    }

    /** Waits until a query's first column reaches a count — progress read from the database, not a sleep to hide a race. */
    static void awaitCount(Postgres pg, String sql, long atLeast, Duration timeout, List<ChildOutput> nodes) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                seen = rs.getLong(1);
            }
            if (seen >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + timeout + " for [" + sql + "] to reach " + atLeast + ", saw " + seen + outputs(nodes));
    }

    static String outputs(List<ChildOutput> nodes) {
        StringBuilder outputs = new StringBuilder();
        for (ChildOutput n : nodes) {
            outputs.append("\n--- node ").append(n.process().pid()).append(":\n").append(n.text());
        }
        return outputs.toString();
    }

    /**
     * Quartz hands a trigger to whichever node asks first and promises no balance: within the first ten
     * fires one node may win them all (seen once in CI-like runs). Waits, up to {@code timeout}, until
     * {@code nodes} distinct nodes have completed a fire; the assertions after it say what was seen.
     */
    static void awaitNodesThatCompleted(Path events, int nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long seen = SchedulerEvents.at(events).read().stream().filter(e -> e.event().equals("completed"))
                    .map(SchedulerEvents.Event::node).distinct().count();
            if (seen >= nodes) {
                return;
            }
            Thread.sleep(200);
        }
    }

    record Row(long execution, long instance, String status, String jobFile, String fireTime) {
    }

    static List<Row> executions(Postgres pg) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery("""
                select e.job_execution_id, e.job_instance_id, e.status,
                       (select p.parameter_value from batch_job_execution_params p
                         where p.job_execution_id = e.job_execution_id and p.parameter_name = 'jobFile'),
                       (select p.parameter_value from batch_job_execution_params p
                         where p.job_execution_id = e.job_execution_id and p.parameter_name = 'fireTime')
                  from batch_job_execution e order by e.job_execution_id""")) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    static List<String> steps(Postgres pg, long execution) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect();
                var ps = c.prepareStatement("select step_name from batch_step_execution where job_execution_id = ? order by step_execution_id")) {
            ps.setLong(1, execution);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void twoNodesRunEachFireExactlyOnce() throws Exception {
        try (Postgres pg = Postgres.freshDatabase()) {
            TestHome home = new TestHome(tmp);
            TinyCompany company = new TinyCompany(tmp, 200);
            Path schedules = Files.createDirectories(tmp.resolve("schedules"));
            // two job files fired every second; one Quartz thread per node, so a node busy with one run leaves the
            // other schedule's fire to the other node: both nodes compete for every trigger time
            for (String name : List.of("left", "right")) {
                Files.copy(company.jobFile, tmp.resolve("jobs/" + name + ".yaml"));
                Files.writeString(schedules.resolve(name + ".yaml"), """
                        job-file: ../jobs/%s.yaml
                        cron: "* * * * * ?"
                        misfire: fire-once-now
                        run-key: fire-time
                        """.formatted(name));
            }
            assertThat(home.cli("keys", "init").exitCode()).isZero();

            // both start at once on an empty database: schema creation and schedule registration race, on purpose
            List<String> oneThread = List.of("--custodia.scheduler.threads=1");
            ChildOutput one = new ChildOutput(node(home, pg, schedules, List.of(), oneThread));
            ChildOutput two = new ChildOutput(node(home, pg, schedules, List.of(), oneThread));
            List<ChildOutput> nodes = List.of(one, two);
            try {
                one.await(l -> l.startsWith("scheduler started"), Duration.ofMinutes(2), "scheduler started");
                two.await(l -> l.startsWith("scheduler started"), Duration.ofMinutes(2), "scheduler started");
                awaitCount(pg, "select count(*) from batch_job_execution where status = 'COMPLETED'", 10, Duration.ofMinutes(3), nodes);
                awaitNodesThatCompleted(tmp.resolve("reports/scheduler/events.jsonl"), 2, Duration.ofMinutes(2));
                stop(one);
                stop(two);
            } finally {
                one.process().destroyForcibly();
                two.process().destroyForcibly();
            }

            List<Row> rows = executions(pg);
            assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
            assertThat(rows).extracting(Row::status).containsOnly("COMPLETED");
            assertThat(rows).extracting(Row::fireTime).doesNotContainNull();
            assertThat(rows).extracting(Row::instance).as("one job instance per run").doesNotHaveDuplicates();
            assertThat(rows.stream().map(r -> r.jobFile() + " " + r.fireTime()).toList()).as("one execution per job file and fire time")
                    .doesNotHaveDuplicates();
            assertThat(rows).extracting(Row::jobFile).extracting(f -> Path.of(f).getFileName().toString()).contains("left.yaml", "right.yaml");

            List<SchedulerEvents.Event> events = SchedulerEvents.at(tmp.resolve("reports/scheduler/events.jsonl")).read();
            Map<String, Long> firedPerFire = events.stream().filter(e -> e.event().equals("fired"))
                    .collect(Collectors.groupingBy(e -> e.schedule() + " " + e.fire(), Collectors.counting()));
            assertThat(firedPerFire).as("Quartz itself fired each trigger time on one node only; the nodes said:%s", outputs(nodes)).allSatisfy((fire, n) -> assertThat(n).isEqualTo(1));
            assertThat(events).filteredOn(e -> e.event().equals("refused") || e.event().equals("failed"))
                    .as("no fire refused or failed; the nodes said:%s", outputs(nodes)).isEmpty();
            Map<String, Long> perNode = events.stream().filter(e -> e.event().equals("completed"))
                    .collect(Collectors.groupingBy(SchedulerEvents.Event::node, Collectors.counting()));
            assertThat(perNode).as("both nodes ran fires: they really competed for the triggers").hasSize(2);
        }
    }

    @Test
    void aKilledNodesRunIsRecoveredAndFinishedByTheOther() throws Exception {
        try (Postgres pg = Postgres.freshDatabase()) {
            TestHome home = new TestHome(tmp);
            TwoDatasetCompany company = new TwoDatasetCompany(tmp, 300, 200);
            Path schedules = Files.createDirectories(tmp.resolve("schedules"));
            Files.writeString(schedules.resolve("nightly.yaml"), """
                    job-file: ../jobs/inventory.yaml
                    cron: "* * * * * ?"
                    misfire: skip
                    """);
            assertThat(home.cli("keys", "init").exitCode()).isZero();

            ChildOutput a = new ChildOutput(node(home, pg, schedules, List.of("-D" + CrashPoints.PROPERTY + "=inventory.scan.beta")));
            ChildOutput b = null;
            try {
                a.await(l -> l.equals(CrashPoints.MARKER + "inventory.scan.beta"), Duration.ofMinutes(2), "the crash-point marker");
                // alpha's partition commits while beta's is held: the restart must not scan alpha again
                awaitCount(pg, "select count(*) from batch_step_execution where step_name = 'inventory.dataset:alpha' and status = 'COMPLETED'",
                        1, Duration.ofMinutes(1), List.of(a));
                b = new ChildOutput(node(home, pg, schedules, List.of()));
                b.await(l -> l.startsWith("scheduler started"), Duration.ofMinutes(2), "scheduler started");

                a.process().destroyForcibly(); // kill -9 mid-job
                assertThat(a.process().waitFor()).isEqualTo(137);
                awaitCount(pg, "select count(*) from batch_job_execution where status = 'COMPLETED'", 1, Duration.ofMinutes(2), List.of(a, b));
                stop(b);
            } finally {
                a.process().destroyForcibly();
                if (b != null) {
                    b.process().destroyForcibly();
                }
            }

            List<Row> rows = executions(pg);
            assertThat(rows).extracting(Row::status).containsExactly("FAILED", "COMPLETED");
            assertThat(rows).extracting(Row::instance).as("one run, restarted: no duplicate instance").containsOnly(rows.getFirst().instance());
            assertThat(steps(pg, rows.get(0).execution())).contains("inventory.dataset:alpha", "inventory.dataset:beta");
            assertThat(steps(pg, rows.get(1).execution())).as("restarted from its last commit")
                    .doesNotContain("inventory.dataset:alpha").contains("inventory.dataset:beta", "inventory.report");

            var report = JsonMapper.builder().build().readTree(home.files("report.json").getFirst().toFile());
            assertThat(report.path("facts").path("rows").asLong()).isEqualTo(company.rows());

            String nodeB = b.process().pid() + "";
            List<SchedulerEvents.Event> events = SchedulerEvents.at(tmp.resolve("reports/scheduler/events.jsonl")).read();
            Map<String, SchedulerEvents.Event> byKey = events.stream().filter(e -> e.execution() != null && e.event().equals("completed"))
                    .collect(Collectors.toMap(e -> e.execution().toString(), Function.identity(), (x, y) -> x));
            assertThat(byKey.get(Long.toString(rows.get(1).execution()))).as("completed on the surviving node").isNotNull()
                    .extracting(SchedulerEvents.Event::node).asString().endsWith(":" + nodeB);
            assertThat(events).filteredOn(e -> e.event().equals("fired") && e.node().endsWith(":" + nodeB))
                    .first().extracting(SchedulerEvents.Event::message).asString()
                    .as("the surviving node's first fire is Quartz's recovery of the dead node's fire").contains("recovering this fire");
        }
    }
}
