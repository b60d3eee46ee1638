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

    @Test
    void overwritesFilesSmallerThanOneChunkIncludingEmptyAndOneByteFiles() throws Exception {
        for (int size : new int[] {0, 1, 4095, 5000}) {
            Path f = tmp.resolve("small-" + size + ".bin");
            byte[] original = new byte[size];
            java.util.Arrays.fill(original, (byte) 0x5A);
            Files.write(f, original);
            WipeResult w = Wiper.overwrite(f);
            byte[] now = Files.readAllBytes(f);
            assertThat(w.verified()).as("size %d", size).isTrue();
            assertThat(now).as("size %d", size).hasSize(size);
            assertThat(Hashes.sha256Hex(now)).as("size %d", size).isEqualTo(w.lastPassSha256());
            if (size >= 4095) {
                // random bytes: none of the fill patterns, and not the original
                assertThat(now).isNotEqualTo(original);
                assertThat(java.util.stream.IntStream.range(0, size).filter(i -> now[i] == 0).count()).isLessThan(size / 64);
                assertThat(java.util.stream.IntStream.range(0, size).filter(i -> now[i] == (byte) 0xFF).count()).isLessThan(size / 64);
            }
        }
    }
}
