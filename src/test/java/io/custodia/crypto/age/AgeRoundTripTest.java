package io.custodia.crypto.age;

import static io.custodia.crypto.age.AgeTestSupport.CHUNK;
import static io.custodia.crypto.age.AgeTestSupport.decrypt;
import static io.custodia.crypto.age.AgeTestSupport.encrypt;
import static io.custodia.crypto.age.AgeTestSupport.headerLength;
import static io.custodia.crypto.age.AgeTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeRoundTripTest {

  private static final AgeIdentity ALICE = AgeIdentity.generate();
  private static final AgeIdentity BOB = AgeIdentity.generate();
  private static final AgeIdentity CAROL = AgeIdentity.generate();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 1, 3 * CHUNK})
  void roundTripsAndHasTheExactStreamLayout(int size) throws Exception {
    byte[] plain = randomBytes(size, size);
    byte[] file = encrypt(plain, ALICE);
    assertArrayEquals(plain, decrypt(file, ALICE));

    // nonce, then one chunk per started 64 KiB (a full last chunk is not followed by an
    // empty one), one tag each; an empty payload is one empty chunk
    int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
    assertEquals(headerLength(file) + 16 + size + 16L * chunks, file.length);
  }

  @Test
  void randomMegabyteForThreeRecipientsDecryptsWithEachAndOnlyThem() throws Exception {
    byte[] plain = randomBytes(1_000_003, 42);
    byte[] file = encrypt(plain, ALICE, BOB, CAROL);
    assertArrayEquals(plain, decrypt(file, ALICE));
    assertArrayEquals(plain, decrypt(file, BOB));
    assertArrayEquals(plain, decrypt(file, CAROL));
    assertArrayEquals(plain, decrypt(file, AgeIdentity.generate(), CAROL));
    AgeTestSupport.assertDecryptFails(file, AgeException.Reason.NO_MATCHING_IDENTITY,
        AgeIdentity.generate());
  }

  @Test
  void everyEncryptionUsesFreshKeysAndNonces() throws Exception {
    byte[] plain = "same input".getBytes(StandardCharsets.UTF_8);
    byte[] a = encrypt(plain, ALICE);
    byte[] b = encrypt(plain, ALICE);
    assertEquals(a.length, b.length);
    int h = headerLength(a);
    assertNotEquals(new String(a, 0, h, StandardCharsets.US_ASCII),
        new String(b, 0, h, StandardCharsets.US_ASCII));
    assertTrue(!Arrays.equals(Arrays.copyOfRange(a, h, h + 16), Arrays.copyOfRange(b, h, h + 16)));
  }

  @Test
  void headerHasTheAgeTextLayout() throws Exception {
    byte[] file = encrypt(new byte[10], ALICE, BOB);
    AgeHeader header = AgeHeader.read(new ByteArrayInputStream(file));
    String text = new String(file, 0, header.length(), StandardCharsets.US_ASCII);
    String b43 = "[A-Za-z0-9+/]{43}";
    assertTrue(Pattern.matches("age-encryption\\.org/v1\n"
        + "(-> X25519 " + b43 + "\n" + b43 + "\n){2}"
        + "--- " + b43 + "\n", text), text);
    assertEquals(List.of("X25519", "X25519"), header.stanzaTypes());
    assertEquals(2, header.stanzaCount());
    assertArrayEquals(Arrays.copyOf(file, header.length()), header.encoded());
  }

  @Test
  void stanzaBodiesWrapAt64ColumnsAndEndWithAShortLine() throws Exception {
    byte[] fileKey = randomBytes(16, 1);
    List<Stanza> stanzas = List.of(
        new Stanza("empty", List.of(), new byte[0]),
        new Stanza("short", List.of("a", "b"), randomBytes(47, 2)),
        new Stanza("exact", List.of(), randomBytes(48, 3)),
        new Stanza("two-lines", List.of("x"), randomBytes(96, 4)),
        new Stanza("longer", List.of(), randomBytes(100, 5)));
    AgeHeader header = AgeHeader.seal(stanzas, fileKey);
    String[] lines = new String(header.encoded(), StandardCharsets.US_ASCII).split("\n", -1);
    assertEquals("-> empty", lines[1]);
    assertEquals("", lines[2]);
    assertEquals("-> short a b", lines[3]);
    assertEquals(63, lines[4].length());
    assertEquals("-> exact", lines[5]);
    assertEquals(64, lines[6].length());
    assertEquals("", lines[7]);
    assertEquals("-> two-lines x", lines[8]);
    assertEquals(64, lines[9].length());
    assertEquals(64, lines[10].length());
    assertEquals("", lines[11]);
    assertEquals("-> longer", lines[12]);
    assertEquals(64, lines[13].length());
    assertEquals(64, lines[14].length()); // 100 bytes are 134 base64 characters
    assertEquals(6, lines[15].length());
    assertTrue(lines[16].startsWith("--- "));
    assertEquals(18, lines.length); // ends with the MAC line's newline

    AgeHeader parsed = AgeHeader.read(new ByteArrayInputStream(header.encoded()));
    assertEquals(stanzas, parsed.stanzas());
    assertEquals(header.length(), parsed.length());
  }

  @Test
  void oddWriteAndReadPatternsGiveTheSameBytes() throws Exception {
    byte[] plain = randomBytes(3 * CHUNK + 17, 7);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = AgeEncryptor.encryptingStream(sink, List.of(ALICE.recipient()))) {
      int i = 0;
      int step = 1;
      while (i < plain.length) {
        int n = Math.min(step, plain.length - i);
        if (n == 1) {
          out.write(plain[i]);
        } else {
          out.write(plain, i, n);
        }
        i += n;
        step = step * 3 % 100_003 + 1;
      }
      out.flush();
    }
    byte[] file = sink.toByteArray();
    try (InputStream in = AgeDecryptor.decryptingStream(new ByteArrayInputStream(file),
        List.of(ALICE))) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        got.write(b);
      }
      assertArrayEquals(plain, got.toByteArray());
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[10]));
      assertEquals(0, in.read(new byte[10], 0, 0));
    }
  }

  @Test
  void closedStreamsRefuseUse() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = AgeEncryptor.encryptingStream(sink, List.of(ALICE.recipient()));
    out.write(1);
    out.close();
    out.close(); // idempotent
    int length = sink.size();
    assertEquals(AgeException.Reason.ILLEGAL_STATE,
        assertThrows(AgeException.class, () -> out.write(2)).reason());
    assertEquals(length, sink.size());

    InputStream in = AgeDecryptor.decryptingStream(new ByteArrayInputStream(sink.toByteArray()),
        List.of(ALICE));
    in.close();
    assertThrows(AgeException.class, in::read);
  }

  @Test
  void anUnclosedEncryptingStreamLeavesAFileThatIsRejectedAsTruncated() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK + 5, 9);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = AgeEncryptor.encryptingStream(sink, List.of(ALICE.recipient()));
    out.write(plain);
    out.flush(); // not close: the final chunk is never written
    byte[] released = AgeTestSupport.assertDecryptFails(sink.toByteArray(),
        AgeException.Reason.TRUNCATED, ALICE);
    AgeTestSupport.assertPrefix(released, plain);
    assertEquals(CHUNK, released.length);
  }

  @Test
  void argumentsAreChecked() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class,
        () -> AgeEncryptor.encryptingStream(sink, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> AgeDecryptor.decryptingStream(new ByteArrayInputStream(new byte[0]), List.of()));
    assertThrows(NullPointerException.class,
        () -> AgeEncryptor.encryptingStream(null, List.of(ALICE.recipient())));
    assertEquals(0, sink.size());
  }

  @Test
  void lowOrderRecipientIsRefused() {
    AgeRecipient zero = AgeRecipient.fromPublicKeyBytes(new byte[32]);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AgeException e = assertThrows(AgeException.class,
        () -> AgeEncryptor.encryptingStream(sink, List.of(ALICE.recipient(), zero)));
    assertEquals(AgeException.Reason.INVALID_KEY, e.reason());
    assertEquals(0, sink.size());
  }
}
