package io.custodia.purge;

import static io.custodia.purge.PurgeCrashTest.awaitCrashPoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.crypto.Hashes;
import io.custodia.support.TestHome;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Proves the overwrite on the old file's own inode, not on a copy: the test opens every data file
 * before the purge and keeps the channels open; after the swap those channels still reach the old
 * inodes. With the purge frozen (real child JVM) after pass 1 they read only 0x00; frozen after the
 * verified last pass they read exactly the random bytes the journal's hash names — none of the
 * original's personal values; after the run completes the inode is truncated to nothing and its
 * name is gone.
 */
class OverwriteProofTest {
    @TempDir
    Path tmp;

    @Test
    void theOldInodeHoldsZerosThenTheRandomPassThenNothing() throws Exception {
        TestHome home = new TestHome(tmp);
        PurgeCompany company = new PurgeCompany(tmp.resolve("sample-data"), null, 120, 5);
        Files.createDirectories(tmp.resolve("jobs"));
        Path job = tmp.resolve("jobs/nightly-purge.yaml");
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  auto-approve: policy\n");
        assertThat(home.cli("keys", "init").exitCode()).isZero();

        Map<Path, FileChannel> held = new HashMap<>();
        Map<Path, byte[]> original = new HashMap<>();
        try (Stream<Path> s = Files.walk(tmp.resolve("sample-data/datasets"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                held.put(p, FileChannel.open(p, StandardOpenOption.READ));
                original.put(p, Files.readAllBytes(p));
            }
        }
        try {
            String date = PurgeCompany.RUN.toString();
            Process child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=purge.overwrite.after-pass-1"), "run", job.toString(),
                    "--date", date, "--custodia.threads=1");
            Path victim;
            Path wiped;
            try {
                awaitCrashPoint(child, "purge.overwrite.after-pass-1");
                victim = originalOfTheOldFile(tmp);
                byte[] now = readAll(held.get(victim));
                assertThat(now).hasSize(original.get(victim).length);
                assertThat(now).containsOnly((byte) 0x00);
            } finally {
                child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(home.cli("recover").exitCode()).isZero();

            child = home.child(List.of("-D" + CrashPoints.PROPERTY + "=purge.overwrite.verified"), "run", job.toString(),
                    "--date", date, "--custodia.threads=1");
            try {
                awaitCrashPoint(child, "purge.overwrite.verified");
                // the resumed run may reach the verified overwrite on another file first: take the one the journal names
                JsonNode entry = wipedJournalEntry(home);
                wiped = Path.of(java.net.URI.create(entry.path("uri").asString()));
                byte[] now = readAll(held.get(wiped));
                byte[] before = original.get(wiped);
                assertThat(now).hasSize(before.length);
                assertThat(Hashes.sha256Hex(now)).isEqualTo(entry.path("wipe").path("lastPassSha256").asString());
                assertThat(entry.path("wipe").path("readBack").asString()).isEqualTo("O_DIRECT");
                String beforeText = new String(before, StandardCharsets.ISO_8859_1);
                String nowText = new String(now, StandardCharsets.ISO_8859_1);
                // the original held personal values in plain text (Parquet statistics); the overwritten inode holds none
                List<String> plainBefore = company.personalStrings().stream().filter(beforeText::contains).toList();
                assertThat(plainBefore).isNotEmpty();
                assertThat(plainBefore).noneMatch(nowText::contains);
                assertThat(nowText).doesNotContain("PAR1");
                int same = 0;
                for (int i = 0; i < now.length; i++) {
                    if (now[i] == before[i]) {
                        same++;
                    }
                }
                assertThat(same).as("bytes left equal to the original (random coincidence ≈ 1/256)").isLessThan(now.length / 64 + 16);
            } finally {
                child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(home.cli("recover").exitCode()).isZero();
            TestHome.Result done = home.cli("run", job.toString(), "--date", date);
            assertThat(done.exitCode()).as(done.all()).isZero();
            for (Path p : List.of(victim, wiped)) {
                assertThat(held.get(p).size()).as("the old inode of " + p + ", still open here, was truncated").isZero();
                try (Stream<Path> s = Files.list(p.getParent())) {
                    assertThat(s.map(f -> f.getFileName().toString()).toList()).noneMatch(n -> n.startsWith("."));
                }
                assertThat(Files.readAllBytes(p)).isNotEqualTo(original.get(p));
            }
        } finally {
            for (FileChannel c : held.values()) {
                c.close();
            }
        }
    }

    /** The one hidden kept old version under the datasets, mapped back to the data file it was. */
    static Path originalOfTheOldFile(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root.resolve("sample-data/datasets"))) {
            List<Path> old = s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".old")).toList();
            assertThat(old).hasSize(1);
            String name = old.getFirst().getFileName().toString();
            return old.getFirst().resolveSibling(name.substring(1, name.indexOf(".purge-")));
        }
    }

    static byte[] readAll(FileChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate((int) ch.size());
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // positional reads until full
        }
        return b.array();
    }

    static JsonNode wipedJournalEntry(TestHome home) throws Exception {
        try (Stream<Path> s = Files.walk(home.resolve("var/purge/journal"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json") && p.getParent().getFileName().toString().equals("files")).toList()) {
                JsonNode n = PurgeTestSupport.json(p);
                if (n.path("state").asString().equals(FileEntry.WIPED)) {
                    return n;
                }
            }
        }
        throw new AssertionError("no journal entry in state WIPED");
    }
}
