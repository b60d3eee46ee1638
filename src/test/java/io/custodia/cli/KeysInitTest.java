package io.custodia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.crypto.age.AgeIdentity;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysInitTest {
    @TempDir
    Path tmp;

    @Test
    void createsOwnerOnlySecretsNeverPrintsThemAndNeverOverwrites() throws Exception {
        TestHome home = new TestHome(tmp);
        TestHome.Result first = home.cli("keys", "init");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Path keys = tmp.resolve("var/keys");
        for (String secret : List.of("signing.key", "backup-identity.txt", "master.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(secret)))).as(secret).isEqualTo("rw-------");
        }
        String identity = AgeIdentity.readFile(keys.resolve("backup-identity.txt")).revealSecretKeyUnsafe();
        String master = Files.readString(keys.resolve("master.key")).strip();
        String signing = Files.readString(keys.resolve("signing.key"));
        String signingBody = signing.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        assertThat(Files.readString(keys.resolve("backup-recipient.txt")))
                .contains(AgeIdentity.readFile(keys.resolve("backup-identity.txt")).recipient().toString());
        assertThat(first.all()).contains("created").doesNotContain(identity).doesNotContain(master).doesNotContain(signingBody.substring(0, 20));

        TestHome.Result second = home.cli("keys", "init");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).doesNotContain("created").contains("kept");
        assertThat(Files.readString(keys.resolve("master.key")).strip()).isEqualTo(master);
        assertThat(Files.readString(keys.resolve("signing.key"))).isEqualTo(signing);
    }
}
