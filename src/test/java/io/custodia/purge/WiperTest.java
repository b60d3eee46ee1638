package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.crypto.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overwrite on a plain file of an awkward size (not a multiple of the block or the chunk). */
class WiperTest {
    @TempDir
    Path tmp;

    @Test
    void overwritesEveryByteWithTheVerifiedRandomPassThenTruncatesAndDeletes() throws Exception {
        Path f = tmp.resolve("victim.bin");
        byte[] original = new byte[(9 << 20) + 4097];
        new Random(1).nextBytes(original);
        Files.write(f, original);
        WipeResult w = Wiper.overwrite(f);
        assertThat(w.verified()).isTrue();
        assertThat(w.bytes()).isEqualTo(original.length);
        assertThat(w.passes()).containsExactly("0x00", "0xFF", "random (AES-256-CTR keystream)");
        byte[] now = Files.readAllBytes(f);
        assertThat(now).hasSize(original.length);
        assertThat(Hashes.sha256Hex(now)).isEqualTo(w.lastPassSha256());
        assertThat(w.verification()).contains("identical to the random pass").contains(w.lastPassSha256());
        assertThat(Wiper.overwrite(f).lastPassSha256()).as("a fresh random key each time").isNotEqualTo(w.lastPassSha256());
        Wiper.truncateAndDelete(f);
        assertThat(f).doesNotExist();
    }
}
