package io.custodia.crypto.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers shared by the age tests. */
final class AgeTestSupport {

  /** A key pair made with age-keygen 1.1.1, used only as a test vector. */
  static final String VECTOR_SECRET =
      "AGE-SECRET-KEY-1UR5WKQLSLSTPA87LYCE24WA3PPQWXUFVCSMTJ9YM44Z0DXM92X5QVRPAJ0";
  static final String VECTOR_RECIPIENT =
      "age1dv80m4pmmppk4avkzuwur3pryezkgu6ypxpqc6d6fwt027suya2sk7x2qj";

  static final int CHUNK = 64 * 1024;

  private AgeTestSupport() {}

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static byte[] encrypt(byte[] plaintext, List<AgeRecipient> recipients) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = AgeEncryptor.encryptingStream(sink, recipients)) {
      out.write(plaintext);
    }
    return sink.toByteArray();
  }

  static byte[] encrypt(byte[] plaintext, AgeIdentity... to) throws IOException {
    return encrypt(plaintext, Arrays.stream(to).map(AgeIdentity::recipient).toList());
  }

  static byte[] decrypt(byte[] file, AgeIdentity... ids) throws IOException {
    try (InputStream in = AgeDecryptor.decryptingStream(new ByteArrayInputStream(file),
        List.of(ids))) {
      return in.readAllBytes();
    }
  }

  static int headerLength(byte[] file) throws IOException {
    return AgeHeader.read(new ByteArrayInputStream(file)).length();
  }

  /**
   * Asserts that decrypting {@code file} fails with {@code reason}, either when opening or while
   * reading, that it never reaches end-of-stream, and that the failure is sticky.
   *
   * @return the plaintext bytes released before the failure
   */
  static byte[] assertDecryptFails(byte[] file, AgeException.Reason reason, AgeIdentity... ids) {
    InputStream in;
    try {
      in = AgeDecryptor.decryptingStream(new ByteArrayInputStream(file), List.of(ids));
    } catch (AgeException e) {
      assertEquals(reason, e.reason(), e.getMessage());
      return new byte[0];
    } catch (IOException e) {
      throw new AssertionError("unexpected exception type", e);
    }
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    AgeException failure = null;
    try {
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          fail("decryption reached end-of-stream; expected " + reason + " after "
              + released.size() + " bytes");
        }
        released.write(buf, 0, n);
      }
    } catch (AgeException e) {
      failure = e;
    } catch (IOException e) {
      throw new AssertionError("unexpected exception type", e);
    }
    assertEquals(reason, failure.reason(), failure.getMessage());
    AgeException again = assertThrows(AgeException.class, () -> in.read(buf));
    assertEquals(reason, again.reason());
    assertThrows(AgeException.class, in::read);
    return released.toByteArray();
  }

  static void assertPrefix(byte[] prefix, byte[] whole) {
    assertTrue(prefix.length <= whole.length, "longer than the plaintext");
    assertArrayEquals(Arrays.copyOf(whole, prefix.length), prefix);
  }
}
