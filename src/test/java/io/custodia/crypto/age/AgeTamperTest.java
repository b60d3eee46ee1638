package io.custodia.crypto.age;

import static io.custodia.crypto.age.AgeException.Reason.HEADER_MAC_MISMATCH;
import static io.custodia.crypto.age.AgeException.Reason.MALFORMED_HEADER;
import static io.custodia.crypto.age.AgeException.Reason.MALFORMED_PAYLOAD;
import static io.custodia.crypto.age.AgeException.Reason.NO_MATCHING_IDENTITY;
import static io.custodia.crypto.age.AgeException.Reason.PAYLOAD_AUTHENTICATION_FAILED;
import static io.custodia.crypto.age.AgeException.Reason.TRAILING_DATA;
import static io.custodia.crypto.age.AgeException.Reason.TRUNCATED;
import static io.custodia.crypto.age.AgeException.Reason.UNSUPPORTED_FORMAT;
import static io.custodia.crypto.age.AgeTestSupport.CHUNK;
import static io.custodia.crypto.age.AgeTestSupport.assertDecryptFails;
import static io.custodia.crypto.age.AgeTestSupport.assertPrefix;
import static io.custodia.crypto.age.AgeTestSupport.encrypt;
import static io.custodia.crypto.age.AgeTestSupport.headerLength;
import static io.custodia.crypto.age.AgeTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custodia.crypto.age.AgeException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeTamperTest {

  private static final AgeIdentity ALICE = AgeIdentity.generate();
  private static final AgeIdentity BOB = AgeIdentity.generate();
  private static final int ENC = CHUNK + 16;

  private static String headerText(byte[] file) throws IOException {
    return new String(file, 0, headerLength(file), StandardCharsets.US_ASCII);
  }

  /** Replaces the header of {@code file} by {@code header} (same or different length). */
  private static byte[] withHeader(byte[] file, String header) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    int old = headerLength(file);
    byte[] out = Arrays.copyOf(h, h.length + file.length - old);
    System.arraycopy(file, old, out, h.length, file.length - old);
    return out;
  }

  /** Changes one base64 character at {@code index} of the header to another valid one. */
  private static byte[] flipHeaderChar(byte[] file, int index) {
    byte[] out = file.clone();
    out[index] = (byte) (out[index] == 'A' ? 'B' : 'A');
    return out;
  }

  private static byte[] flipByte(byte[] file, int index) {
    byte[] out = file.clone();
    out[index] ^= 0x40;
    return out;
  }

  private static byte[] cat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---- header ----

  @Test
  void otherVersionIsUnsupported() throws Exception {
    byte[] file = encrypt(new byte[5], ALICE);
    String h = headerText(file);
    assertDecryptFails(withHeader(file, h.replace("org/v1\n", "org/v2\n")), UNSUPPORTED_FORMAT,
        ALICE);
    assertDecryptFails(withHeader(file, h.replace("encryption", "encryptiom")), MALFORMED_HEADER,
        ALICE);
  }

  @Test
  void flippedByteInOwnStanzaMeansNoIdentityMatches() throws Exception {
    byte[] file = encrypt(new byte[5], ALICE);
    String h = headerText(file);
    int share = h.indexOf("-> X25519 ") + 10;
    int body = h.indexOf('\n', share) + 1;
    assertDecryptFails(flipHeaderChar(file, share), NO_MATCHING_IDENTITY, ALICE);
    assertDecryptFails(flipHeaderChar(file, body + 5), NO_MATCHING_IDENTITY, ALICE);
  }

  @Test
  void flippedByteInAnotherRecipientsStanzaBreaksTheHeaderMac() throws Exception {
    byte[] file = encrypt(new byte[5], ALICE, BOB);
    String h = headerText(file);
    int bobShare = h.indexOf("-> X25519 ", h.indexOf("-> X25519 ") + 1) + 10;
    int bobBody = h.indexOf('\n', bobShare) + 1;
    assertDecryptFails(flipHeaderChar(file, bobBody + 3), HEADER_MAC_MISMATCH, ALICE);
    assertDecryptFails(flipHeaderChar(file, bobShare), HEADER_MAC_MISMATCH, ALICE);
    // and Bob, whose stanza it was, no longer finds his key
    assertDecryptFails(flipHeaderChar(file, bobBody + 3), NO_MATCHING_IDENTITY, BOB);
  }

  @Test
  void addedOrRemovedStanzaBreaksTheHeaderMac() throws Exception {
    byte[] file = encrypt(new byte[5], ALICE, BOB);
    String h = headerText(file);
    int mac = h.indexOf("---");
    assertDecryptFails(withHeader(file, h.substring(0, mac) + "-> grease x\n\n" + h.substring(mac)),
        HEADER_MAC_MISMATCH, ALICE);
    int second = h.indexOf("-> X25519 ", h.indexOf("-> X25519 ") + 1);
    assertDecryptFails(withHeader(file, h.substring(0, second) + h.substring(mac)),
        HEADER_MAC_MISMATCH, ALICE);
  }

  @Test
  void flippedByteInHeaderMacIsDetected() throws Exception {
    byte[] file = encrypt(randomBytes(1000, 1), ALICE);
    String h = headerText(file);
    int mac = h.indexOf("--- ") + 4;
    AgeException e = assertThrows(AgeException.class,
        () -> AgeTestSupport.decrypt(flipHeaderChar(file, mac), ALICE));
    assertEquals(HEADER_MAC_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("header MAC"), e.getMessage());
    assertDecryptFails(flipHeaderChar(file, mac + 20), HEADER_MAC_MISMATCH, ALICE);
  }

  @Test
  void wrongIdentitySaysSo() throws Exception {
    byte[] file = encrypt(randomBytes(100, 2), ALICE, BOB);
    AgeException e = assertThrows(AgeException.class,
        () -> AgeTestSupport.decrypt(file, AgeIdentity.generate(), AgeIdentity.generate()));
    assertEquals(NO_MATCHING_IDENTITY, e.reason());
    assertTrue(e.getMessage().contains("no identity matched any recipient stanza"),
        e.getMessage());
  }

  // ---- payload ----

  @Test
  void flippedPayloadNonceFailsTheFirstChunk() throws Exception {
    byte[] file = encrypt(randomBytes(1000, 3), ALICE);
    byte[] released = assertDecryptFails(flipByte(file, headerLength(file) + 7),
        PAYLOAD_AUTHENTICATION_FAILED, ALICE);
    assertEquals(0, released.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void flippedByteInAChunkStopsAtThatChunk(int chunk) throws Exception {
    byte[] plain = randomBytes(3 * CHUNK + 100, 4);
    byte[] file = encrypt(plain, ALICE);
    int at = headerLength(file) + 16 + chunk * ENC + (chunk == 3 ? 50 : 30_000);
    byte[] released = assertDecryptFails(flipByte(file, at), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
    assertEquals(chunk * CHUNK, released.length);
    assertPrefix(released, plain);
  }

  @Test
  void flippedTagByteIsDetected() throws Exception {
    byte[] plain = randomBytes(CHUNK, 5);
    byte[] file = encrypt(plain, ALICE);
    assertDecryptFails(flipByte(file, file.length - 1), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
  }

  @Test
  void swappedChunksAreDetected() throws Exception {
    byte[] plain = randomBytes(3 * CHUNK, 6);
    byte[] file = encrypt(plain, ALICE);
    int p = headerLength(file) + 16;
    byte[] swapped = file.clone();
    System.arraycopy(file, p, swapped, p + ENC, ENC);
    System.arraycopy(file, p + ENC, swapped, p, ENC);
    assertEquals(0, assertDecryptFails(swapped, PAYLOAD_AUTHENTICATION_FAILED, ALICE).length);
  }

  @Test
  void droppingAShortFinalChunkIsTruncation() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK + 100, 7);
    byte[] file = encrypt(plain, ALICE);
    byte[] cut = Arrays.copyOf(file, headerLength(file) + 16 + 2 * ENC);
    byte[] released = assertDecryptFails(cut, TRUNCATED, ALICE);
    assertPrefix(released, plain);
    assertTrue(released.length < plain.length);
  }

  @Test
  void droppingAFullFinalChunkIsTruncation() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK, 8);
    byte[] file = encrypt(plain, ALICE);
    assertEquals(headerLength(file) + 16 + 2 * ENC, file.length);
    byte[] released = assertDecryptFails(Arrays.copyOf(file, file.length - ENC), TRUNCATED, ALICE);
    assertPrefix(released, plain);
    assertTrue(released.length < plain.length);
  }

  @Test
  void cuttingInsideAChunkIsDetected() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK + 1000, 9);
    byte[] file = encrypt(plain, ALICE);
    int last = headerLength(file) + 16 + 2 * ENC;
    assertPrefix(assertDecryptFails(Arrays.copyOf(file, last + 500), PAYLOAD_AUTHENTICATION_FAILED,
        ALICE), plain);
    assertDecryptFails(Arrays.copyOf(file, file.length - 1), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
    assertDecryptFails(Arrays.copyOf(file, last + 10), TRUNCATED, ALICE);
    assertDecryptFails(Arrays.copyOf(file, last - 1000), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
  }

  @Test
  void cuttingTheNonceOrTheHeaderIsDetected() throws Exception {
    byte[] file = encrypt(randomBytes(10, 10), ALICE);
    int h = headerLength(file);
    assertDecryptFails(Arrays.copyOf(file, h + 16), TRUNCATED, ALICE);
    assertDecryptFails(Arrays.copyOf(file, h + 5), TRUNCATED, ALICE);
    assertDecryptFails(Arrays.copyOf(file, h), TRUNCATED, ALICE);
    assertDecryptFails(Arrays.copyOf(file, h - 1), MALFORMED_HEADER, ALICE);
    assertDecryptFails(Arrays.copyOf(file, 30), MALFORMED_HEADER, ALICE);
  }

  @Test
  void garbageAfterAFullFinalChunkIsTrailingData() throws Exception {
    byte[] plain = randomBytes(2 * CHUNK, 11);
    byte[] file = encrypt(plain, ALICE);
    byte[] released = assertDecryptFails(cat(file, new byte[] {0}), TRAILING_DATA, ALICE);
    assertPrefix(released, plain);
    assertTrue(released.length < plain.length, "final chunk released before the check");
    // even a copy of a valid chunk
    byte[] lastChunk = Arrays.copyOfRange(file, file.length - ENC, file.length);
    assertDecryptFails(cat(file, lastChunk), TRAILING_DATA, ALICE);
  }

  @Test
  void garbageAfterAShortFinalChunkFailsAuthentication() throws Exception {
    // without a length field, bytes glued to a short last chunk look like a modified chunk
    byte[] plain = randomBytes(100, 12);
    byte[] file = encrypt(plain, ALICE);
    assertEquals(0, assertDecryptFails(cat(file, "garbage".getBytes(StandardCharsets.US_ASCII)),
        PAYLOAD_AUTHENTICATION_FAILED, ALICE).length);
    byte[] empty = encrypt(new byte[0], ALICE);
    assertDecryptFails(cat(empty, new byte[40]), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
    byte[] big = encrypt(randomBytes(CHUNK + 10, 13), ALICE);
    assertDecryptFails(cat(big, new byte[CHUNK]), PAYLOAD_AUTHENTICATION_FAILED, ALICE);
  }

  // ---- crafted files: structurally wrong but authentic ----

  private static byte[] craft(List<Stanza> stanzas, byte[] fileKey, byte[][] chunks,
      boolean[] last) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgeHeader.seal(stanzas, fileKey).writeTo(out);
    byte[] nonce = randomBytes(16, 99);
    out.write(nonce);
    byte[] key = Stream.payloadKey(fileKey, nonce);
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    for (int i = 0; i < chunks.length; i++) {
      byte[] n = new byte[12];
      n[10] = (byte) i;
      n[11] = (byte) (last[i] ? 1 : 0);
      c.init(Cipher.ENCRYPT_MODE, Primitives.chachaKey(key), new IvParameterSpec(n));
      out.write(c.doFinal(chunks[i]));
    }
    return out.toByteArray();
  }

  @Test
  void craftedFileMatchesWhatTheEncryptorWouldAccept() throws Exception {
    byte[] fileKey = randomBytes(16, 20);
    byte[] plain = randomBytes(CHUNK + 3, 21);
    byte[] file = craft(List.of(ALICE.recipient().wrap(fileKey, Primitives.random())), fileKey,
        new byte[][] {Arrays.copyOf(plain, CHUNK), Arrays.copyOfRange(plain, CHUNK, CHUNK + 3)},
        new boolean[] {false, true});
    assertArrayEquals(plain, AgeTestSupport.decrypt(file, ALICE));
  }

  @Test
  void emptyFinalChunkAfterDataIsRejected() throws Exception {
    byte[] fileKey = randomBytes(16, 22);
    byte[] file = craft(List.of(ALICE.recipient().wrap(fileKey, Primitives.random())), fileKey,
        new byte[][] {randomBytes(CHUNK, 23), new byte[0]}, new boolean[] {false, true});
    assertDecryptFails(file, MALFORMED_PAYLOAD, ALICE);
  }

  @Test
  void shortNonFinalChunkIsRejected() throws Exception {
    byte[] fileKey = randomBytes(16, 24);
    byte[] file = craft(List.of(ALICE.recipient().wrap(fileKey, Primitives.random())), fileKey,
        new byte[][] {randomBytes(100, 25), randomBytes(100, 26)}, new boolean[] {false, true});
    assertDecryptFails(file, PAYLOAD_AUTHENTICATION_FAILED, ALICE);
  }

  @Test
  void lowOrderEphemeralShareIsRejected() throws Exception {
    byte[] fileKey = randomBytes(16, 27);
    Stanza zero = new Stanza("X25519", List.of(Primitives.b64(new byte[32])), new byte[32]);
    byte[] file = craft(List.of(zero), fileKey, new byte[][] {new byte[0]}, new boolean[] {true});
    AgeException e = assertThrows(AgeException.class, () -> AgeTestSupport.decrypt(file, ALICE));
    assertEquals(MALFORMED_HEADER, e.reason());
    assertTrue(e.getMessage().contains("low-order"), e.getMessage());
  }

  @Test
  void malformedX25519StanzasAreRejected() throws Exception {
    byte[] fileKey = randomBytes(16, 28);
    String share = Primitives.b64(randomBytes(32, 29));
    List<Stanza> bad = List.of(
        new Stanza("X25519", List.of(), new byte[32]),
        new Stanza("X25519", List.of(share, share), new byte[32]),
        new Stanza("X25519", List.of(Primitives.b64(new byte[31])), new byte[32]),
        new Stanza("X25519", List.of(share), new byte[33]),
        new Stanza("X25519", List.of(share + "="), new byte[32]));
    for (Stanza s : bad) {
      byte[] file = craft(List.of(s), fileKey, new byte[][] {new byte[0]}, new boolean[] {true});
      assertDecryptFails(file, MALFORMED_HEADER, ALICE);
    }
  }

  @Test
  void unknownStanzasAreSkippedAndScryptIsExplained() throws Exception {
    byte[] fileKey = randomBytes(16, 30);
    byte[] plain = randomBytes(10, 31);
    byte[] file = craft(List.of(new Stanza("grease-x", List.of("a"), randomBytes(70, 32)),
            ALICE.recipient().wrap(fileKey, Primitives.random())), fileKey,
        new byte[][] {plain}, new boolean[] {true});
    assertArrayEquals(plain, AgeTestSupport.decrypt(file, ALICE));

    byte[] scrypt = craft(List.of(new Stanza("scrypt", List.of("salt", "18"), new byte[32])),
        fileKey, new byte[][] {plain}, new boolean[] {true});
    AgeException e = assertThrows(AgeException.class, () -> AgeTestSupport.decrypt(scrypt, ALICE));
    assertEquals(NO_MATCHING_IDENTITY, e.reason());
    assertTrue(e.getMessage().contains("passphrase"), e.getMessage());

    byte[] mixed = craft(List.of(new Stanza("scrypt", List.of("salt", "18"), new byte[32]),
            ALICE.recipient().wrap(fileKey, Primitives.random())), fileKey,
        new byte[][] {plain}, new boolean[] {true});
    assertDecryptFails(mixed, MALFORMED_HEADER, ALICE);
  }

  // ---- header grammar ----

  private static final String MAC = Primitives.b64(new byte[32]);
  private static final String BODY43 = Primitives.b64(new byte[32]);
  private static final String LINE64 = "A".repeat(64);

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "\n",
      "not an age file at all, just some text\n",
      "age-encryption.org/v1",
      "age-encryption.org/v1\n--- MAC\n", // no stanzas
      "age-encryption.org/v1\n-> X25519 abc\n" + "LINE64\n--- MAC\n", // no short final line
      "age-encryption.org/v1\n-> X25519 abc\n" + "LINE64A\n--- MAC\n", // 65 columns
      "age-encryption.org/v1\n-> X25519 abc\nAA==\n--- MAC\n", // padding
      "age-encryption.org/v1\n-> X25519 abc\nAB\n--- MAC\n", // non-zero trailing bits
      "age-encryption.org/v1\n-> X25519 abc\nA B\n--- MAC\n",
      "age-encryption.org/v1\r\n-> X25519 abc\r\nBODY43\r\n--- MAC\r\n", // CRLF
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\r\n--- MAC\n",
      "age-encryption.org/v1\n->\nBODY43\n--- MAC\n", // no type
      "age-encryption.org/v1\n-> \nBODY43\n--- MAC\n", // empty type
      "age-encryption.org/v1\n->  X25519 abc\nBODY43\n--- MAC\n", // empty argument
      "age-encryption.org/v1\n-> X25519 abc \nBODY43\n--- MAC\n", // trailing space
      "age-encryption.org/v1\n-> X25519 a\u00e9c\nBODY43\n--- MAC\n", // non-ASCII
      "age-encryption.org/v1\n->X25519 abc\nBODY43\n--- MAC\n",
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\n---\n", // no MAC
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\n---  MAC\n",
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\n--- MACAA\n", // MAC too long
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\n---- MAC\n",
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\n--- MAC", // no final newline
      "age-encryption.org/v1\n-> X25519 abc\nBODY43\nhello\n--- MAC\n",
      "age-encryption.org/v1\n\n-> X25519 abc\nBODY43\n--- MAC\n"})
  void malformedHeadersAreRejected(String template) {
    String text = template.replace("LINE64", LINE64).replace("BODY43", BODY43)
        .replace("MAC", MAC);
    AgeException e = assertThrows(AgeException.class, () -> AgeHeader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))));
    assertEquals(MALFORMED_HEADER, e.reason(), e.getMessage());
  }

  @Test
  void wellFormedHeaderTemplateParses() throws Exception {
    // the positive control for the malformed cases above
    String text = "age-encryption.org/v1\n-> X25519 abc\n" + LINE64 + "\n" + BODY43
        + "\n-> x\n\n--- " + MAC + "\nPAYLOAD";
    ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    AgeHeader h = AgeHeader.read(in);
    assertEquals(text.indexOf("PAYLOAD"), h.length());
    assertEquals(List.of("X25519", "x"), h.stanzaTypes());
    assertEquals("PAYLOAD", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void armorAndOversizedHeadersAreRejected() {
    String armor = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n";
    AgeException e = assertThrows(AgeException.class, () -> AgeHeader.read(
        new ByteArrayInputStream(armor.getBytes(StandardCharsets.US_ASCII))));
    assertEquals(UNSUPPORTED_FORMAT, e.reason());

    StringBuilder huge = new StringBuilder("age-encryption.org/v1\n-> X25519 abc\n");
    while (huge.length() <= AgeHeader.MAX_LENGTH) {
      huge.append(LINE64).append('\n');
    }
    Reason r = assertThrows(AgeException.class, () -> AgeHeader.read(new ByteArrayInputStream(
        huge.toString().getBytes(StandardCharsets.US_ASCII)))).reason();
    assertEquals(MALFORMED_HEADER, r);

    byte[] binary = randomBytes(100_000, 33);
    binary[0] = 'x';
    assertEquals(MALFORMED_HEADER, assertThrows(AgeException.class,
        () -> AgeHeader.read(new ByteArrayInputStream(binary))).reason());
  }
}
