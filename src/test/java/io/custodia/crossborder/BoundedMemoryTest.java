package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory, shown rather than claimed: in a child JVM with a 24 MiB heap, scanning and
 * counting 300,000 egress lines of 250,000 distinct individuals through spilled sorted runs gives
 * the exact count, while merely holding the distinct subject hashes in a set runs out of memory in
 * the same heap. The memory of the spilling path depends on the sort buffer (12 bytes a
 * fingerprint), the merge fan-in (64 KiB a run) and the number of groups, not on the lines.
 */
class BoundedMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void exactCountInAHeapTooSmallForTheSet() throws Exception {
        Path file = tmp.resolve("egress.jsonl");
        int lines = 300_000;
        int distinct = 250_000;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                int s = (int) ((long) i * 7919 % distinct);
                w.write("{\"time\":\"2026-03-" + String.format("%02d", 1 + i % 28) + "T01:00:00Z\",\"channel\":\"api\",\"destination_host\":\"h"
                        + (i % 3) + "\",\"destination_country\":\"US\",\"object\":\"o" + (i % 5) + "\",\"bytes\":100,\"subject_hash\":\""
                        + String.format("%064x", new java.math.BigInteger(1, java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Integer.toString(s).getBytes(StandardCharsets.US_ASCII))))
                        + "\",\"remote_access\":false}\n");
            }
        }
        Files.createDirectories(tmp.resolve("work"));
        assertThat(probe(file, "20000")).startsWith("OK " + lines + " " + distinct + " 15 ");
        assertThat(probe(file, "in-memory")).isEqualTo("OUT OF MEMORY");
        try (var s = Files.list(tmp.resolve("work"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    private String probe(Path file, String mode) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xms24m", "-Xmx24m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BoundedMemoryProbe.class.getName(), file.toString(),
                tmp.resolve("work").toString(), mode));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("OK") || l.startsWith("OUT OF MEMORY")).findFirst().orElse(out);
    }
}
