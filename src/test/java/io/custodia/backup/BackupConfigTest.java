package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job-file mistakes are refused before anything runs, naming file:line:column and what is wrong. */
class BackupConfigTest {
    @TempDir
    Path tmp;

    @Test
    void mistakesInBackupAndDrillJobFilesAreNamedWithTheirPosition() throws Exception {
        TestHome home = new TestHome(tmp);
        new Company(tmp.resolve("data"), 5).write(null);
        Files.createDirectories(tmp.resolve("jobs"));
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        String head = "job: backup\ncatalog: ../data/catalog.yaml\nbackup:\n";
        check(home, "typo.yaml", head + "  destinaton: ../backups\n", "typo.yaml:4:3", "unknown key 'destinaton'");
        check(home, "recipient.yaml", head + "  destination: ../backups\n  recipients: [age1notakey]\n", "recipient.yaml:5:16",
                "not an age recipient");
        check(home, "inside.yaml", head + "  destination: ../data/customers/backups\n", "inside.yaml:4:16", "customers/, which it backs up");
        check(home, "keep.yaml", head + "  destination: ../backups\n  retention:\n    keep: {daily: 0}\n", "keep.yaml:6:11", "keep at least one set");
        check(home, "passes.yaml", head + "  destination: ../backups\n  retention:\n    keep: {daily: 1}\n    overwrite-passes: 7\n", "passes.yaml:7:23",
                "must be 0, 1, 2 or 3");
        check(home, "dataset.yaml", head + "  destination: ../backups\n  datasets: [customers, ghosts]\n", "dataset.yaml:5:25",
                "dataset 'ghosts' is not in the catalog");
        check(home, "sample.yaml", "job: verify\ncatalog: ../data/catalog.yaml\nverify:\n  destination: ../backups\n  sample: 150%\n", "sample.yaml:5:11",
                "at most 100%");
        assertThat(tmp.resolve("backups")).doesNotExist();
    }

    void check(TestHome home, String name, String text, String where, String what) throws Exception {
        Path f = tmp.resolve("jobs").resolve(name);
        Files.writeString(f, text);
        TestHome.Result r = home.cli("run", f.toString(), "--date", "2026-11-25");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(where).contains(what);
    }
}
