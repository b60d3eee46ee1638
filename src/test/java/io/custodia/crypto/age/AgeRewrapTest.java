package io.custodia.crypto.age;

import static io.custodia.crypto.age.AgeTestSupport.CHUNK;
import static io.custodia.crypto.age.AgeTestSupport.assertDecryptFails;
import static io.custodia.crypto.age.AgeTestSupport.decrypt;
import static io.custodia.crypto.age.AgeTestSupport.encrypt;
import static io.custodia.crypto.age.AgeTestSupport.headerLength;
import static io.custodia.crypto.age.AgeTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeRewrapTest {

  private static final AgeIdentity OLD = AgeIdentity.generate();
  private static final AgeIdentity NEW_A = AgeIdentity.generate();
  private static final AgeIdentity NEW_B = AgeIdentity.generate();

  @TempDir Path dir;

  private static byte[] payload(byte[] file) throws Exception {
    return Arrays.copyOfRange(file, headerLength(file), file.length);
  }

  @Test
  void rewrapMovesTheFileToNewRecipientsAndKeepsThePayloadBytes() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK + 333, 1);
    byte[] before = encrypt(plain, OLD);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgeHeader newHeader = AgeRewrap.rewrap(new ByteArrayInputStream(before), out, OLD,
        List.of(NEW_A.recipient(), NEW_B.recipient()));
    byte[] after = out.toByteArray();

    assertEquals(headerLength(after), newHeader.length());
    assertArrayEquals(Arrays.copyOf(after, newHeader.length()), newHeader.encoded());
    assertArrayEquals(payload(before), payload(after));
    assertArrayEquals(plain, decrypt(after, NEW_A));
    assertArrayEquals(plain, decrypt(after, NEW_B));
    assertDecryptFails(after, AgeException.Reason.NO_MATCHING_IDENTITY, OLD);
    assertArrayEquals(plain, decrypt(before, OLD)); // the input itself is untouched
  }

  @Test
  void rewrapOfEmptyAndChunkAlignedPayloads() throws Exception {
    for (int size : new int[] {0, CHUNK}) {
      byte[] plain = randomBytes(size, size);
      byte[] before = encrypt(plain, OLD);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AgeRewrap.rewrap(new ByteArrayInputStream(before), out, OLD, List.of(NEW_A.recipient()));
      assertArrayEquals(plain, decrypt(out.toByteArray(), NEW_A));
      assertArrayEquals(payload(before), payload(out.toByteArray()));
    }
  }

  @Test
  void wrongOldIdentityWritesNothing() throws Exception {
    byte[] before = encrypt(randomBytes(1000, 2), OLD);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgeException e = assertThrows(AgeException.class, () -> AgeRewrap.rewrap(
        new ByteArrayInputStream(before), out, NEW_A, List.of(NEW_B.recipient())));
    assertEquals(AgeException.Reason.NO_MATCHING_IDENTITY, e.reason());
    assertEquals(0, out.size());
  }

  @Test
  void tamperedHeaderIsNotRewrapped() throws Exception {
    byte[] before = encrypt(randomBytes(1000, 3), OLD, NEW_B);
    String h = new String(before, 0, headerLength(before), java.nio.charset.StandardCharsets.US_ASCII);
    int second = h.indexOf("-> X25519 ", h.indexOf("-> X25519 ") + 1) + 12;
    byte[] tampered = before.clone();
    tampered[second] = (byte) (tampered[second] == 'A' ? 'B' : 'A');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgeException e = assertThrows(AgeException.class, () -> AgeRewrap.rewrap(
        new ByteArrayInputStream(tampered), out, OLD, List.of(NEW_A.recipient())));
    assertEquals(AgeException.Reason.HEADER_MAC_MISMATCH, e.reason());
    assertEquals(0, out.size());
  }

  @Test
  void overwritingTheHeaderRegionErasesTheFile() throws Exception {
    byte[] plain = randomBytes(CHUNK + 10, 4);
    Path file = dir.resolve("data.age");
    Files.write(file, encrypt(plain, OLD, NEW_A));
    byte[] payloadBefore = payload(Files.readAllBytes(file));

    int length;
    try (InputStream in = Files.newInputStream(file)) {
      length = AgeHeader.read(in).length();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(randomBytes(length, 5));
      raf.getFD().sync();
    }
    byte[] erased = Files.readAllBytes(file);
    assertArrayEquals(payloadBefore, Arrays.copyOfRange(erased, length, erased.length));
    assertDecryptFails(erased, AgeException.Reason.MALFORMED_HEADER, OLD);
    assertDecryptFails(erased, AgeException.Reason.MALFORMED_HEADER, NEW_A);
  }
}
