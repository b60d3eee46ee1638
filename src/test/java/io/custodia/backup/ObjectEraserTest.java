package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.retention.ErasureOutcome;
import io.custodia.backup.retention.ObjectEraser;
import io.custodia.backup.store.BackupStore;
import io.custodia.crypto.age.AgeEncryptor;
import io.custodia.crypto.age.AgeHeader;
import io.custodia.crypto.age.AgeIdentity;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cryptographic erase alone makes an object undecryptable with the right identity (checked with
 * the real age binary), while the payload bytes are still there; destroy then overwrites and
 * deletes and reports what it achieved.
 */
class ObjectEraserTest {
    @TempDir
    Path tmp;

    Path encrypt(AgeIdentity id, byte[] plain, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (OutputStream out = AgeEncryptor.encryptingStream(Files.newOutputStream(to), List.of(id.recipient()))) {
            out.write(plain);
        }
        return to;
    }

    @Test
    void overwritingTheHeaderAloneMakesThePayloadUndecryptableEvenWithTheIdentity() throws Exception {
        Tools.require("age");
        AgeIdentity id = AgeIdentity.generate();
        Path idFile = tmp.resolve("id.txt");
        id.writeFile(idFile);
        byte[] plain = new byte[300_000];
        new SplittableRandom(1).nextBytes(plain);
        Path object = encrypt(id, plain, tmp.resolve("o.age"));
        assertThat(Tools.ok("/usr/bin/age", "-d", "-i", idFile.toString(), object.toString())).isEqualTo(plain);
        byte[] before = Files.readAllBytes(object);
        int header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(object))) {
            header = AgeHeader.read(in).length();
        }

        assertThat(ObjectEraser.cryptoErase(object)).isEqualTo(header);

        byte[] after = Files.readAllBytes(object);
        assertThat(Arrays.copyOfRange(after, header, after.length)).as("payload untouched").isEqualTo(Arrays.copyOfRange(before, header, before.length));
        assertThat(Arrays.copyOfRange(after, 0, header)).isNotEqualTo(Arrays.copyOfRange(before, 0, header));
        Tools.Result r = Tools.run("/usr/bin/age", "-d", "-i", idFile.toString(), object.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).containsAnyOf("header", "age file", "malformed", "parse");
    }

    @Test
    void destroyOverwritesVerifiesDeletesAndSaysWhatItAchieved() throws Exception {
        AgeIdentity id = AgeIdentity.generate();
        byte[] plain = new byte[3 << 20];
        new SplittableRandom(2).nextBytes(plain);
        Path root = tmp.resolve("dest");
        encrypt(id, plain, root.resolve("objects/ab/ab12.age"));
        BackupStore store = BackupStore.open(root.toUri());

        ErasureOutcome o = ObjectEraser.destroy(store, "objects/ab/ab12.age", 3);

        assertThat(root.resolve("objects/ab/ab12.age")).doesNotExist();
        assertThat(o.deleted()).isTrue();
        assertThat(o.verified()).isTrue();
        assertThat(o.passes()).isEqualTo(3);
        assertThat(o.headerBytes()).isGreaterThan(100);
        assertThat(o.bytes()).isGreaterThan(plain.length);
        assertThat(o.filesystem()).startsWith("file (");
        assertThat(o.method()).contains("cryptographic erase").contains("3-pass overwrite (0x00, 0xFF, random");
        assertThat(o.decryptionCheck()).contains("no longer parses as age");
        assertThat(ObjectEraser.destroy(store, "objects/ab/ab12.age", 3).method()).startsWith("already gone");
    }
}
