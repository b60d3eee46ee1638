package io.custodia.crypto.age;

import static io.custodia.crypto.age.AgeTestSupport.VECTOR_RECIPIENT;
import static io.custodia.crypto.age.AgeTestSupport.VECTOR_SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeKeysTest {

  @TempDir Path dir;

  @Test
  void knownAgeKeygenPairDerivesItsRecipient() {
    AgeIdentity id = AgeIdentity.parse(VECTOR_SECRET);
    assertEquals(VECTOR_RECIPIENT, id.recipient().toString());
    assertEquals(VECTOR_SECRET, id.revealSecretKeyUnsafe());
    assertEquals(AgeRecipient.parse(VECTOR_RECIPIENT), id.recipient());
  }

  @Test
  void rfc7748KeyPairDerivesItsPublicKey() {
    // RFC 7748 section 6.1, Alice
    HexFormat hex = HexFormat.of();
    byte[] secret = hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    AgeIdentity id = AgeIdentity.parse(Bech32.encode("age-secret-key-", secret));
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        hex.formatHex(id.recipient().publicKeyBytes()));
  }

  @Test
  void fixedCiphertextMadeByAgeDecrypts() throws Exception {
    // printf 'custodia age interop vector\n' | age -r VECTOR_RECIPIENT   (age 1.1.1)
    byte[] file = Base64.getDecoder().decode(
        "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBHelpGTmRHT01ndmY0OHBlZjI3UENSOXAzU0pvM0Rya2t0"
            + "d1dBYlNtUm40CjRnYkl2M2tRVVl0c1N3dzdGdnFyS0h5ZXRqaDlEbEdWbVRBazBCQjVWWm8KLS0tIERX"
            + "QTBDL3FDSHFROUhRTUFMNlZ0ZHE3bTBuV2xqMTZRcktsSFVGZnFBSkkKnvNHildSO23izV+rCptCFsvo"
            + "Wj/gRFBSROJJ+gR2kdXnvgQD6L2zepoptPrSFqcK1ZC1YQWA1/hjqV4c");
    byte[] plain = AgeTestSupport.decrypt(file, AgeIdentity.parse(VECTOR_SECRET));
    assertEquals("custodia age interop vector\n", new String(plain, StandardCharsets.UTF_8));
    assertEquals(168, AgeTestSupport.headerLength(file));
  }

  @Test
  void recipientParsingIsStrictAndCanonical() {
    AgeRecipient r = AgeRecipient.parse(VECTOR_RECIPIENT.toUpperCase(Locale.ROOT));
    assertEquals(VECTOR_RECIPIENT, r.toString());
    assertEquals(r, AgeRecipient.parse(" " + VECTOR_RECIPIENT + "\n"));
    String mixed = "A" + VECTOR_RECIPIENT.substring(1);
    assertThrows(IllegalArgumentException.class, () -> AgeRecipient.parse(mixed));
    assertThrows(IllegalArgumentException.class, () -> AgeRecipient.parse(VECTOR_SECRET));
    String shortKey = Bech32.encode("age", new byte[31]);
    assertThrows(IllegalArgumentException.class, () -> AgeRecipient.parse(shortKey));
    assertThrows(IllegalArgumentException.class, () -> AgeIdentity.parse(VECTOR_RECIPIENT));
    String shortSecret = Bech32.encode("age-secret-key-", new byte[33]);
    assertThrows(IllegalArgumentException.class, () -> AgeIdentity.parse(shortSecret));
  }

  @Test
  void fingerprintIsShortAndStable() {
    // printf %s VECTOR_RECIPIENT | sha256sum | cut -c1-16
    assertEquals("0cacde45ceba0b06", AgeRecipient.parse(VECTOR_RECIPIENT).fingerprint());
    assertNotEquals(AgeIdentity.generate().recipient().fingerprint(),
        AgeRecipient.parse(VECTOR_RECIPIENT).fingerprint());
  }

  @Test
  void toStringNeverRevealsTheSecret() {
    AgeIdentity id = AgeIdentity.parse(VECTOR_SECRET);
    String s = id.toString();
    assertFalse(s.toUpperCase(Locale.ROOT).contains("AGE-SECRET-KEY"), s);
    assertFalse(s.toUpperCase(Locale.ROOT).contains(VECTOR_SECRET.substring(16, 40)), s);
    assertTrue(s.contains(VECTOR_RECIPIENT), s);
  }

  @Test
  void generatedIdentitiesDifferAndRoundTripThroughText() {
    AgeIdentity a = AgeIdentity.generate(new SecureRandom());
    AgeIdentity b = AgeIdentity.generate();
    assertNotEquals(a.recipient(), b.recipient());
    AgeIdentity a2 = AgeIdentity.parse(a.revealSecretKeyUnsafe());
    assertEquals(a.recipient(), a2.recipient());
    assertTrue(a.revealSecretKeyUnsafe().startsWith("AGE-SECRET-KEY-1"));
    assertEquals(74, a.revealSecretKeyUnsafe().length());
    assertTrue(a.recipient().toString().startsWith("age1"));
    assertEquals(62, a.recipient().toString().length());
  }

  @Test
  void identityFileIsOwnerOnlyAndInAgeKeygenFormat() throws Exception {
    AgeIdentity id = AgeIdentity.parse(VECTOR_SECRET);
    Path file = dir.resolve("key.txt");
    id.writeFile(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of("# created: 2026-01-02T03:04:05Z", "# public key: " + VECTOR_RECIPIENT,
        VECTOR_SECRET), Files.readAllLines(file));
    assertEquals(VECTOR_RECIPIENT, AgeIdentity.readFile(file).recipient().toString());
    assertThrows(FileAlreadyExistsException.class, () -> id.writeFile(file));
    assertEquals(VECTOR_SECRET, Files.readAllLines(file).get(2), "existing key overwritten");
  }

  @Test
  void generatedIdentityFileHasPermissions0600() throws Exception {
    Path file = dir.resolve("generated.txt");
    AgeIdentity id = AgeIdentity.generate();
    id.writeFile(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Files.readAllLines(file).get(0).matches(
        "# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals(id.recipient(), AgeIdentity.readFile(file).recipient());
  }

  @Test
  void identityFileReaderSkipsCommentsAndBlankLines() throws Exception {
    AgeIdentity other = AgeIdentity.generate();
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "# a comment\r\n\r\n   \n" + VECTOR_SECRET + "\r\n# public key: x\n"
        + other.revealSecretKeyUnsafe().toLowerCase(Locale.ROOT) + "\n\n");
    List<AgeIdentity> all = AgeIdentity.readAll(file);
    assertEquals(List.of(VECTOR_RECIPIENT, other.recipient().toString()),
        all.stream().map(i -> i.recipient().toString()).toList());
    AgeException e = assertThrows(AgeException.class, () -> AgeIdentity.readFile(file));
    assertEquals(AgeException.Reason.INVALID_KEY, e.reason());
  }

  @Test
  void identityFileErrorsNameTheLineButNotItsContent() throws Exception {
    Path file = dir.resolve("bad.txt");
    String broken = VECTOR_SECRET.substring(0, VECTOR_SECRET.length() - 1) + "Q";
    Files.writeString(file, "# created: x\n" + broken + "\n");
    AgeException e = assertThrows(AgeException.class, () -> AgeIdentity.readFile(file));
    assertEquals(AgeException.Reason.INVALID_KEY, e.reason());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains(broken.substring(16, 40)), e.getMessage());

    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "# nothing here\n\n");
    assertEquals(AgeException.Reason.INVALID_KEY,
        assertThrows(AgeException.class, () -> AgeIdentity.readFile(empty)).reason());

    Path plugin = dir.resolve("plugin.txt");
    Files.writeString(plugin, "AGE-PLUGIN-YUBIKEY-1XYZ\n");
    assertTrue(assertThrows(AgeException.class, () -> AgeIdentity.readFile(plugin))
        .getMessage().contains("plugin"));
  }

  @Test
  void recipientKeyBytesAreCopied() {
    AgeRecipient r = AgeRecipient.parse(VECTOR_RECIPIENT);
    byte[] k = r.publicKeyBytes();
    k[0] ^= 1;
    assertEquals(VECTOR_RECIPIENT, r.toString());
    assertArrayEquals(r.publicKeyBytes(), AgeRecipient.fromPublicKeyBytes(r.publicKeyBytes())
        .publicKeyBytes());
  }
}
