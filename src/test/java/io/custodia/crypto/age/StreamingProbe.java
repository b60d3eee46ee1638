package io.custodia.crypto.age;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run in a child JVM with a small heap by {@link AgeStreamingMemoryTest}: encrypts a large
 * pseudo-random plaintext generated on the fly to a file, decrypts it back and compares it with
 * the regenerated plaintext, never holding more than a few buffers.
 */
final class StreamingProbe {

  private static final int PIECE = 100_003; // deliberately not a multiple of the chunk size

  private StreamingProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long size = Long.parseLong(args[1]);
    AgeIdentity id = AgeIdentity.generate();
    byte[] piece = new byte[PIECE];

    long t0 = System.nanoTime();
    SplittableRandom gen = new SplittableRandom(2024);
    try (OutputStream out = AgeEncryptor.encryptingStream(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
        List.of(id.recipient()))) {
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(PIECE, size - done);
        gen.nextBytes(piece);
        out.write(piece, 0, n);
        done += n;
      }
    }
    long t1 = System.nanoTime();

    SplittableRandom again = new SplittableRandom(2024);
    byte[] got = new byte[PIECE];
    long read = 0;
    try (InputStream in = AgeDecryptor.decryptingStream(Files.newInputStream(file),
        List.of(id))) {
      while (true) {
        int n = in.readNBytes(got, 0, PIECE);
        if (n == 0) {
          break;
        }
        again.nextBytes(piece);
        if (!Arrays.equals(piece, 0, n, got, 0, n)) {
          System.out.println("MISMATCH at offset " + read);
          System.exit(2);
        }
        read += n;
      }
    }
    long t2 = System.nanoTime();
    if (read != size) {
      System.out.println("LENGTH " + read + " != " + size);
      System.exit(3);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf("OK plaintext=%d ciphertext=%d encryptMs=%d decryptMs=%d maxHeap=%d%n",
        read, Files.size(file), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, rt.maxMemory());
  }
}
