package io.custodia.crypto.pseudo;

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
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

  @TempDir Path dir;

  @Test
  void generatedKeysAre32BytesAndDistinct() {
    MasterKey a = MasterKey.generate();
    MasterKey b = MasterKey.generate();
    assertEquals(32, a.bytes().length);
    assertFalse(java.util.Arrays.equals(a.bytes(), b.bytes()));
  }

  @Test
  void hexFileRoundTripsAndIsOwnerOnly() throws Exception {
    MasterKey k = MasterKey.generate();
    Path f = dir.resolve("master.key");
    k.writeFile(f);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    String content = Files.readString(f);
    assertEquals(65, content.length());
    assertTrue(content.matches("[0-9a-f]{64}\n"));
    assertArrayEquals(k.bytes(), MasterKey.readFile(f).bytes());
  }

  @Test
  void rawFileRoundTripsAndIsOwnerOnly() throws Exception {
    MasterKey k = MasterKey.generate();
    Path f = dir.resolve("master.bin");
    k.writeFile(f, MasterKey.Encoding.RAW);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(32, Files.size(f));
    assertArrayEquals(k.bytes(), MasterKey.readFile(f).bytes());
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws Exception {
    Path f = dir.resolve("master.key");
    Files.writeString(f, "keep me");
    assertThrows(FileAlreadyExistsException.class, () -> MasterKey.generate().writeFile(f));
    assertEquals("keep me", Files.readString(f));
  }

  @Test
  void readsUppercaseHexWithSurroundingWhitespace() throws Exception {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) bytes[i] = (byte) (i * 7 + 1);
    Path f = dir.resolve("k");
    Files.writeString(f, "  " + HexFormat.of().withUpperCase().formatHex(bytes) + "\r\n");
    assertArrayEquals(bytes, MasterKey.readFile(f).bytes());
  }

  @Test
  void rejectsWrongLengthNamingTheLengthNotTheContent() throws Exception {
    Path f = dir.resolve("short");
    Files.writeString(f, "00112233secret");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MasterKey.readFile(f));
    assertTrue(e.getMessage().contains("14 bytes"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void rejectsNonHex() throws Exception {
    Path f = dir.resolve("nonhex");
    Files.writeString(f, "zz".repeat(32));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MasterKey.readFile(f));
    assertFalse(e.getMessage().contains("zz"), e.getMessage());
  }

  @Test
  void toStringShowsFingerprintButNeverKeyBytes() {
    MasterKey k = MasterKey.generate();
    String hex = HexFormat.of().formatHex(k.bytes());
    String s = k.toString();
    assertFalse(s.contains(hex));
    for (int i = 0; i + 8 <= hex.length(); i += 4) {
      assertFalse(s.contains(hex.substring(i, i + 8)), s);
    }
    assertTrue(s.contains(k.fingerprint()));
    assertTrue(k.fingerprint().matches("[0-9a-f]{16}"));
  }

  @Test
  void fingerprintIsStableAndKeySpecific() throws Exception {
    MasterKey k = MasterKey.generate();
    Path f = dir.resolve("fp");
    k.writeFile(f);
    assertEquals(k.fingerprint(), MasterKey.readFile(f).fingerprint());
    assertNotEquals(k.fingerprint(), MasterKey.generate().fingerprint());
    assertFalse(new String(k.bytes(), StandardCharsets.ISO_8859_1).contains(k.fingerprint()));
  }
}
