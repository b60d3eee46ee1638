package io.custodia.crypto.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams 256 MiB through encryption and decryption in a child JVM whose heap (32 MiB) is far
 * smaller than the data, so any implementation that buffers the whole plaintext or ciphertext
 * dies with OutOfMemoryError.
 */
class AgeStreamingMemoryTest {

  private static final long SIZE = 256L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void twoHundredFiftySixMebibytesStreamThroughA32MebibyteHeap() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path big = dir.resolve("big.age");
    Path log = dir.resolve("probe.log");
    Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        StreamingProbe.class.getName(), big.toString(), Long.toString(SIZE)))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "probe timed out");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.startsWith("OK plaintext=" + SIZE + " "), output);
    long chunks = SIZE / (64 * 1024);
    long header;
    try (var in = Files.newInputStream(big)) {
      header = AgeHeader.read(in).length();
    }
    assertEquals(header + 16 + SIZE + 16 * chunks, Files.size(big), output);
    System.out.println(output);
  }
}
