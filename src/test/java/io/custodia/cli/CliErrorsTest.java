package io.custodia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong command lines and files: exit 2 (or 1 for failed work), first line says what and where. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        TestHome home = new TestHome(tmp);
        TestHome.Result r = home.cli("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).contains("unknown command 'frobnicate'");
        TestHome.Result opt = home.cli("run", "x.yaml", "--dat", "2026-01-01");
        assertThat(opt.exitCode()).isEqualTo(2);
        assertThat(opt.err().lines().findFirst().orElseThrow()).contains("unknown option --dat").contains("--date");
        TestHome.Result date = home.cli("run", "x.yaml", "--date", "yesterday");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).contains("YYYY-MM-DD");
    }

    @Test
    void everyCommandHasHelp() {
        TestHome home = new TestHome(tmp);
        for (String c : new String[] {"demo", "run", "validate", "restart", "recover", "executions", "keys", "sample-data", "evidence"}) {
            TestHome.Result r = home.cli(c, "--help");
            assertThat(r.exitCode()).as(c).isZero();
            assertThat(r.out()).as(c).startsWith("usage: custodia " + c);
        }
    }

    @Test
    void badJobFileNamesFileLineAndColumnAndRunsNothing() throws Exception {
        TestHome home = new TestHome(tmp);
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("catalog.yaml"), "version: 1\ndatasets:\n  - {name: a, location: a, format: csv, columns: [{name: x, type: string, level: general}]}\n");
        Path job = tmp.resolve("jobs/bad.yaml");
        Files.writeString(job, "job: inventory\ncatalog: ../catalog.yaml\ninventory:\n  datasets: [a]\n  flag-min-value: 2\n");
        TestHome.Result r = home.cli("run", job.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).contains(job + ":5:3:").contains("unknown key 'flag-min-value'");

        Files.writeString(job, "job: inventroy\ncatalog: ../catalog.yaml\n");
        assertThat(home.cli("run", job.toString()).err()).contains(job + ":1:6:").contains("unknown job 'inventroy'");

        Files.writeString(job, "job: inventory\ncatalog: ../catalog.yaml\n");
        TestHome.Result missing = home.cli("run", job.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("dataset 'a'").contains("does not exist");
        assertThat(tmp.resolve("reports")).doesNotExist();
    }

    @Test
    void undeclaredColumnInDataIsRejectedBeforeWork() throws Exception {
        TestHome home = new TestHome(tmp);
        Files.writeString(tmp.resolve("catalog.yaml"), "version: 1\ndatasets:\n  - {name: a, location: a.csv, format: csv, columns: [{name: x, type: string, level: general}]}\n");
        Files.writeString(tmp.resolve("a.csv"), "x,phone\n1,13800138000\n");
        Path job = tmp.resolve("inv.yaml");
        Files.writeString(job, "job: inventory\ncatalog: catalog.yaml\n");
        TestHome.Result r = home.cli("validate", job.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(tmp.resolve("catalog.yaml") + ":3:5:").contains("unknown column 'phone'").doesNotContain("13800138000");
    }

    @Test
    void relativeDirectoriesAreRelativeToTheHomeForSpringToo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("executions", "--custodia.home=" + tmp, "--custodia.state-dir=rel/state",
                "--custodia.keys-dir=rel/keys", "--custodia.evidence-dir=rel/evidence", "--custodia.reports-dir=rel/reports"),
                new PrintStream(out, true), new PrintStream(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(tmp.resolve("rel/state/custodia.mv.db")).isRegularFile();
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedIsNamedInTheFirstLine() throws Exception {
        Files.writeString(tmp.resolve("blocker"), "a file where a directory should be");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("executions", "--custodia.home=" + tmp, "--custodia.state-dir=blocker/state"),
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().findFirst().orElseThrow()).contains("cannot create the state directory " + tmp.resolve("blocker/state"))
                .contains("Not a directory");
    }
}
