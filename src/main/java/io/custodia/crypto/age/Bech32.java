package io.custodia.crypto.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 as specified in BIP-173 (the original checksum constant 1, not bech32m), which is what
 * age uses for {@code age1...} recipients and {@code AGE-SECRET-KEY-1...} identities.
 *
 * <p>Decoding is strict: mixed case, characters outside US-ASCII 33..126, an empty
 * human-readable part, a data part shorter than the checksum, strings longer than 90 characters,
 * and non-zero padding bits in the 8-bit conversion are all rejected. Error messages never echo
 * the input, because the input may be a secret key.
 */
final class Bech32 {

  static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  static final int MAX_LENGTH = 90;
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };
  private static final byte[] REVERSE = new byte[128];

  static {
    java.util.Arrays.fill(REVERSE, (byte) -1);
    for (int i = 0; i < CHARSET.length(); i++) {
      REVERSE[CHARSET.charAt(i)] = (byte) i;
    }
  }

  private Bech32() {}

  /** A decoded string: lowercase human-readable part and the data (5-bit values from decode5, bytes from decode; no checksum). */
  record Decoded(String hrp, byte[] data) {}

  private static int polymod(byte[] values) {
    int chk = 1;
    for (byte v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  private static byte[] hrpExpand(String hrp) {
    int n = hrp.length();
    byte[] out = new byte[n * 2 + 1];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (hrp.charAt(i) >>> 5);
      out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b, int extraZeros) {
    byte[] out = new byte[a.length + b.length + extraZeros];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Encodes 5-bit values under a human-readable part. The output is lowercase; callers that need
   * uppercase (age secret keys) upper-case the whole string, which Bech32 permits.
   */
  static String encode5(String hrp, byte[] data5) {
    String lower = hrp.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || !lower.equals(hrp) && !hrp.toUpperCase(Locale.ROOT).equals(hrp)) {
      throw new IllegalArgumentException("invalid Bech32 human-readable part");
    }
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("invalid character in Bech32 human-readable part");
      }
    }
    int mod = polymod(concat(hrpExpand(lower), data5, 6)) ^ 1;
    StringBuilder sb = new StringBuilder(lower.length() + 1 + data5.length + 6);
    sb.append(lower).append('1');
    for (byte b : data5) {
      if ((b & 0xff) > 31) {
        throw new IllegalArgumentException("Bech32 data value out of range");
      }
      sb.append(CHARSET.charAt(b));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString();
  }

  /** Encodes bytes (converted to 5-bit groups with zero padding) under {@code hrp}. */
  static String encode(String hrp, byte[] data) {
    return encode5(hrp, convertBits(data, 8, 5, true));
  }

  /**
   * Decodes and verifies a Bech32 string.
   *
   * @throws IllegalArgumentException with a message that does not contain the input
   */
  static Decoded decode5(String s) {
    if (s.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Bech32 string longer than " + MAX_LENGTH + " characters");
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("Bech32 string contains a character out of range");
      }
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      }
    }
    if (lower && upper) {
      throw new IllegalArgumentException("Bech32 string mixes upper and lower case");
    }
    String ls = s.toLowerCase(Locale.ROOT);
    int pos = ls.lastIndexOf('1');
    if (pos < 1) {
      throw new IllegalArgumentException("Bech32 string has no separator or an empty prefix");
    }
    if (pos + 7 > ls.length()) {
      throw new IllegalArgumentException("Bech32 checksum too short");
    }
    String hrp = ls.substring(0, pos);
    byte[] data = new byte[ls.length() - pos - 1];
    for (int i = 0; i < data.length; i++) {
      char c = ls.charAt(pos + 1 + i);
      byte v = c < 128 ? REVERSE[c] : -1;
      if (v < 0) {
        throw new IllegalArgumentException("Bech32 data part contains an invalid character");
      }
      data[i] = v;
    }
    if (polymod(concat(hrpExpand(hrp), data, 0)) != 1) {
      throw new IllegalArgumentException("Bech32 checksum mismatch");
    }
    return new Decoded(hrp, java.util.Arrays.copyOf(data, data.length - 6));
  }

  /** Decodes a Bech32 string carrying bytes; padding bits must be zero. */
  static Decoded decode(String s) {
    Decoded d = decode5(s);
    return new Decoded(d.hrp(), convertBits(d.data(), 5, 8, false));
  }

  /** BIP-173 general power-of-two base conversion. */
  static byte[] convertBits(byte[] in, int fromBits, int toBits, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << toBits) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * fromBits / toBits + 1);
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> fromBits) != 0) {
        throw new IllegalArgumentException("Bech32 value out of range");
      }
      acc = (acc << fromBits) | value;
      bits += fromBits;
      while (bits >= toBits) {
        bits -= toBits;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (toBits - bits)) & maxv);
      }
    } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("Bech32 data has invalid padding");
    }
    return out.toByteArray();
  }
}
