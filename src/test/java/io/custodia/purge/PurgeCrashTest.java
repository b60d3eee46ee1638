package io.custodia.purge;

import static io.custodia.purge.PurgeTestSupport.json;
import static io.custodia.purge.PurgeTestSupport.ledgerCount;
import static io.custodia.purge.PurgeTestSupport.read;
import static io.custodia.purge.PurgeTestSupport.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.catalog.Dataset;
import io.custodia.evidence.EntryTypes;
import io.custodia.parquet.Row;
import io.custodia.support.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a real child JVM at each step of the destruction, then recover and run again: no row
 * that should survive is lost, no dataset ever shows both versions of a file or neither, the work
 * finishes, and the certificate and erasure records are issued exactly once.
 */
class PurgeCrashTest {
    @TempDir
    Path tmp;
    TestHome home;
    PurgeCompany company;
    Path job;

    @BeforeEach
    void company() throws Exception {
        PurgeTestSupport.Setup setup = PurgeTestSupport.setUp(tmp, 150, 23, "purge-all", "purge:\n  auto-approve: [policy, erasure-requests]\n");
        home = setup.home();
        company = setup.company();
        job = setup.job();
    }

    @ParameterizedTest
    @ValueSource(strings = {"purge.before-swap", "purge.after-swap", "purge.overwrite.after-pass-1", "purge.overwrite.verified",
            "purge.after-delete", "purge.after-certificate-ledger"})
    void killedAtAnyStepFinishesOnRestartWithoutLossOrRepetition(String point) throws Exception {
        Expected expected = new Expected(company, true);
        String date = PurgeCompany.RUN.toString();
        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=" + point), "run", job.toString(), "--date", date,
                "--custodia.threads=1");
        try {
            awaitCrashPoint(child, point);
            // frozen at the crash point: every dataset shows, for each file, the old version or the new one
            assertOneVersionOfEveryRow(expected);
        } finally {
            child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        assertOneVersionOfEveryRow(expected);

        assertThat(home.cli("recover").exitCode()).isZero();
        TestHome.Result resumed = home.cli("run", job.toString(), "--date", date);
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();

        for (String name : PurgeCompany.DATA) {
            Dataset ds = company.catalog.requireDataset(name);
            assertThat(read(ds)).as(name + " after " + point).containsExactlyElementsOf(sorted(ds, expected.survivors.get(name)));
            assertThat(PurgeTestSupport.allFileNames(ds)).as(name).allMatch(n -> !n.startsWith("."));
        }
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(1);
        assertThat(ledgerCount(home, EntryTypes.ERASURE_RECORD)).isEqualTo(expected.erased.size());
        List<Path> certs = PurgeTestSupport.certificates(home);
        assertThat(certs).hasSize(1);
        var cert = json(certs.getFirst().resolve("certificate.json"));
        assertThat(cert.path("subjects").path("count").asLong()).isEqualTo(expected.touched.size());
        for (var f : cert.path("files")) {
            assertThat(f.path("verified").asBoolean()).as(f.path("path").asString()).isTrue();
            assertThat(f.path("passes")).hasSize(3);
        }
        assertThat(home.cli("evidence", "verify").out()).contains("ledger OK");

        PurgeTestSupport.assertNoPersonalValues(company.personalStrings(), List.of(home.resolve("var/purge"), home.resolve("var/evidence"),
                home.resolve("reports"), home.resolve("var/logs")), resumed.all());

        // and once more: nothing left to do, nothing certified twice
        TestHome.Result again = home.cli("run", job.toString(), "--date", date);
        assertThat(again.out()).contains("already completed");
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(1);
    }

    /**
     * {@code purge execute} holds its job file's run lock like every run: while a child JVM is frozen in
     * the middle of executing a plan, executing it again (or running its job file) is refused and
     * changes nothing; once the child is killed and recovered, the plan executes to the end, once.
     */
    @Test
    void anExecutionInProgressIsNotStartedTwice() throws Exception {
        Expected expected = new Expected(company, true);
        String date = PurgeCompany.RUN.toString();
        TestHome.Result planned = home.cli("purge", "plan", job.toString(), "--date", date);
        assertThat(planned.exitCode()).as(planned.all()).isZero();
        String id = planned.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(home.cli("purge", "approve", id, "--by", "auditor-1").exitCode()).isZero();

        String point = "purge.before-swap";
        Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=" + point), "purge", "execute", id, "--custodia.threads=1");
        try {
            awaitCrashPoint(child, point);
            TestHome.Result twice = home.cli("purge", "execute", id);
            assertThat(twice.exitCode()).isEqualTo(1);
            assertThat(twice.err()).contains("is already running (execution 1 for " + date).contains("pid " + child.pid())
                    .contains("nothing was started");
            TestHome.Result run = home.cli("run", job.toString(), "--date", date);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("is already running (execution 1");
            assertOneVersionOfEveryRow(expected);
        } finally {
            child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }

        assertThat(home.cli("recover").exitCode()).isZero();
        TestHome.Result resumed = home.cli("purge", "execute", id);
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        for (String name : PurgeCompany.DATA) {
            Dataset ds = company.catalog.requireDataset(name);
            assertThat(read(ds)).as(name).containsExactlyElementsOf(sorted(ds, expected.survivors.get(name)));
        }
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(1);
    }

    /** Visible rows: none lost (every survivor's key is there), none twice (no file visible in both versions). */
    private void assertOneVersionOfEveryRow(Expected expected) {
        for (String name : PurgeCompany.DATA) {
            Dataset ds = company.catalog.requireDataset(name);
            List<String> keys = read(ds).stream().map(r -> r.getString(ds.primaryKey())).toList();
            assertThat(new HashSet<>(keys)).as(name + ": a row visible twice means both versions of a file are").hasSize(keys.size());
            Set<String> survivors = expected.survivors.get(name).stream().map(r -> r.getString(ds.primaryKey())).collect(Collectors.toSet());
            assertThat(keys).as(name + ": every surviving row is visible").containsAll(survivors);
            Set<String> all = company.rows.get(name).stream().map((Row r) -> r.getString(ds.primaryKey())).collect(Collectors.toSet());
            assertThat(all).containsAll(keys);
        }
    }

    static void awaitCrashPoint(Process child, String point) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(CrashPoints.MARKER)) {
                assertThat(line).isEqualTo(CrashPoints.MARKER + point);
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the child is killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended without reaching " + point + ":\n" + seen);
    }
}
