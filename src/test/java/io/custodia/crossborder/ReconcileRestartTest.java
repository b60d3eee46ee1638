package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.support.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 in the middle of scanning (after sorted runs were spilled to disk): after `recover`, running
 * the same date again re-runs the reconciliation from the start and reports exactly the planted
 * findings, with one ledger entry, and the killed execution's scratch directory is removed.
 */
class ReconcileRestartTest {
    @TempDir
    Path tmp;

    @Test
    void killedWhileScanningThenRunAgain() throws Exception {
        TestHome home = new TestHome(tmp);
        TransferWorld w = ReconcileJobTest.plant(tmp, home);
        String job = tmp.resolve("jobs/reconcile-report-only.yaml").toString();

        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=" + EgressScanner.CRASH_POINT_SPILLED), "run", job, "--date", "2026-11-25");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean reached = false;
            while ((line = out.readLine()) != null) {
                if (line.contains(CrashPoints.MARKER + EgressScanner.CRASH_POINT_SPILLED)) {
                    reached = true;
                    break;
                }
            }
            assertThat(reached).as("the child reached the crash point").isTrue();
            // sorted runs are on disk when it dies
            assertThat(runFiles()).isNotEmpty();
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(home.files("report.json")).isEmpty();

        TestHome.Result again = home.cli("run", job, "--date", "2026-11-25");
        assertThat(again.exitCode()).as("refused while the killed execution is marked running").isNotZero();
        assertThat(again.err()).contains("recover");
        assertThat(home.cli("recover").exitCode()).isZero();
        again = home.cli("run", job, "--date", "2026-11-25");
        assertThat(again.exitCode()).as(again.all()).isZero();

        var report = JsonMapper.builder().build().readTree(home.files("report.json").getFirst().toFile());
        assertThat(ReconcileJobTest.findings(report)).containsExactlyInAnyOrderElementsOf(w.expected);
        assertThat(new EvidenceLedger(tmp.resolve("var/evidence")).entriesOfType(new KeyDirectory(tmp.resolve("var/keys")).verifier(),
                EntryTypes.RECONCILE_REPORT)).hasSize(1);
        assertThat(runFiles()).isEmpty();
        try (Stream<Path> s = Files.list(tmp.resolve("var/state/work"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    private List<Path> runFiles() throws Exception {
        Path work = tmp.resolve("var/state/work");
        if (!Files.exists(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).toList();
        }
    }
}
