package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.support.BatchTables;
import io.custodia.support.TestHome;
import io.custodia.support.TinyCompany;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job file never runs twice at once, whatever the date: a real child JVM holds a run at a
 * crash point; a run of the same job file for another date in this JVM is refused and names it;
 * {@code recover --force} leaves it alone because its lock is held; once the child is killed the
 * database drops its lock and the other date runs.
 */
class RunLockTest {
    @TempDir
    Path tmp;

    @Test
    void aJobFileRunsOnceAtATimeAcrossProcesses() throws Exception {
        TestHome home = new TestHome(tmp);
        TinyCompany company = new TinyCompany(tmp, 300);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=inventory.scan.orders"),
                "run", company.jobFile.toString(), "--date", "2026-11-09");
        ChildOutput out = new ChildOutput(child);
        try {
            out.await(l -> l.equals(CrashPoints.MARKER + "inventory.scan.orders"), Duration.ofMinutes(2), "the crash-point marker");

            TestHome.Result refused = home.cli("run", company.jobFile.toString(), "--date", "2026-11-10");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("inventory is already running (execution 1 for 2026-11-09 on")
                    .contains("pid " + child.pid()).contains("nothing was started");

            TestHome.Result recover = home.cli("recover", "--force");
            assertThat(recover.exitCode()).isZero();
            assertThat(recover.out()).doesNotContain("recovered execution").contains("left alone: execution 1");
            assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status).containsExactly("STARTED");
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor()).isEqualTo(137);

        TestHome.Result other = home.cli("run", company.jobFile.toString(), "--date", "2026-11-10");
        assertThat(other.exitCode()).as(other.all()).isZero();
        assertThat(BatchTables.executions(tmp.resolve("var/state"))).extracting(BatchTables.Execution::status)
                .containsExactly("STARTED", "COMPLETED");
    }
}
