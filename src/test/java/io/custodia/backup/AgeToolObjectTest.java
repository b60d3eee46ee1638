package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.RecipientRef;
import io.custodia.backup.verify.CheckResult;
import io.custodia.backup.verify.ObjectCheck;
import io.custodia.backup.verify.Problem;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.age.AgeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other direction of age interoperability: an object written by the reference `age -r` tool
 * (not by Custodia) is decrypted, hashed and — being Parquet — opened and counted by the drill's
 * object check; the same object checked with another identity is named a wrong identity.
 */
class AgeToolObjectTest {
    @TempDir
    Path tmp;

    @Test
    void anObjectEncryptedByTheAgeToolPassesTheDrillCheck() throws Exception {
        Tools.require("age");
        Company company = new Company(tmp.resolve("data"), 25).write(null);
        Path source = tmp.resolve("data/customers/part-1.parquet");
        byte[] plain = Files.readAllBytes(source);
        String sha = Hashes.sha256Hex(plain);
        AgeIdentity id = AgeIdentity.generate();
        id.writeFile(tmp.resolve("id.txt"));
        Path root = tmp.resolve("dest");
        Path object = root.resolve(BackupStore.objectName(sha));
        Files.createDirectories(object.getParent());
        Tools.ok("/usr/bin/age", "-r", id.recipient().toString(), "-o", object.toString(), source.toString());
        byte[] cipher = Files.readAllBytes(object);
        ManifestEntry e = new ManifestEntry("data/customers/part-1.parquet", "customers", "parquet", source.toUri().toString(), plain.length,
                0, sha, BackupStore.objectName(sha), cipher.length, Hashes.sha256Hex(cipher), (long) (company.customers / 2),
                List.of(id.recipient().fingerprint()), ManifestEntry.NEW);
        Manifest m = new Manifest(Manifest.FORMAT, "s", "u", "j", LocalDate.of(2026, 11, 25), Instant.now(), "c", "k",
                List.of(RecipientRef.of(id.recipient())), List.of(RecipientRef.of(id.recipient())), List.of(), List.of(e));
        BackupStore store = BackupStore.open(root.toUri());
        ObjectIndex index = ObjectIndex.of(List.of(m), List.of());

        CheckResult ok = ObjectCheck.check(store, index, List.of(e), List.of(id), tmp.resolve("scratch"));
        assertThat(ok.findings()).isEmpty();
        assertThat(ok.plaintextBytes()).isEqualTo(plain.length);
        assertThat(ok.rows()).isEqualTo(company.customers / 2);
        try (var s = Files.list(tmp.resolve("scratch"))) {
            assertThat(s.toList()).as("plaintext scratch removed").isEmpty();
        }

        CheckResult wrong = ObjectCheck.check(store, index, List.of(e), List.of(AgeIdentity.generate()), tmp.resolve("scratch"));
        assertThat(wrong.findings()).extracting(CheckResult.Finding::problem).containsExactly(Problem.WRONG_IDENTITY);
    }
}
