package io.custodia.crypto.age;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The few primitives age v1 is built from, fixed in one place so no caller picks an algorithm:
 * HKDF-SHA-256 (BouncyCastle), HMAC-SHA-256 and ChaCha20-Poly1305 (JDK, intrinsified), and
 * canonical unpadded base64.
 */
final class Primitives {

  static final int FILE_KEY_SIZE = 16;
  static final int KEY_SIZE = 32;
  static final int TAG_SIZE = 16;
  static final int NONCE_SIZE = 12;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private Primitives() {}

  static SecureRandom random() {
    return RANDOM;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
    HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
    gen.init(new HKDFParameters(ikm, salt, ascii(info)));
    byte[] out = new byte[length];
    gen.generateBytes(out, 0, length);
    return out;
  }

  static byte[] hmacSha256(byte[] key, byte[] data, int off, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(data, off, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
    }
  }

  static Cipher newChaCha() {
    try {
      return Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
    }
  }

  static SecretKeySpec chachaKey(byte[] key) {
    return new SecretKeySpec(key, "ChaCha20");
  }

  /** One-shot ChaCha20-Poly1305 with an all-zero nonce; only for single-use keys. */
  static byte[] sealZeroNonce(byte[] key, byte[] plaintext) {
    try {
      Cipher c = newChaCha();
      c.init(Cipher.ENCRYPT_MODE, chachaKey(key), new IvParameterSpec(new byte[NONCE_SIZE]));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
    }
  }

  /** Opens a zero-nonce ChaCha20-Poly1305 box; returns {@code null} if it does not verify. */
  static byte[] openZeroNonce(byte[] key, byte[] ciphertext) {
    try {
      Cipher c = newChaCha();
      c.init(Cipher.DECRYPT_MODE, chachaKey(key), new IvParameterSpec(new byte[NONCE_SIZE]));
      return c.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
    }
  }

  static String b64(byte[] data) {
    return B64.encodeToString(data);
  }

  /**
   * Decodes canonical unpadded standard base64: no padding, no whitespace, no non-zero trailing
   * bits. Returns {@code null} for anything else, so that encodings are not malleable.
   */
  static byte[] unb64(String s) {
    if (s.length() % 4 == 1) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!ok) {
        return null;
      }
    }
    byte[] out;
    try {
      out = B64D.decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return B64.encodeToString(out).equals(s) ? out : null;
  }

  static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }
}
