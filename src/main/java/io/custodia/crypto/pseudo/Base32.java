package io.custodia.crypto.pseudo;

/** Lowercase RFC 4648 base32 ({@code a-z2-7}), unpadded, truncated to a number of characters. */
final class Base32 {
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private Base32() {}

  /**
   * The first {@code chars} characters of the unpadded lowercase RFC 4648 base32 encoding of
   * {@code bytes}, i.e. the first {@code 5 * chars} bits.
   */
  static String encodePrefix(byte[] bytes, int chars) {
    if (chars * 5 > bytes.length * 8) {
      throw new IllegalArgumentException(chars + " base32 characters need more than " + bytes.length + " bytes");
    }
    char[] out = new char[chars];
    int buffer = 0;
    int bits = 0;
    int in = 0;
    for (int i = 0; i < chars; i++) {
      if (bits < 5) {
        buffer = (buffer << 8) | (bytes[in++] & 0xff);
        bits += 8;
      }
      out[i] = ALPHABET.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
      buffer &= (1 << bits) - 1;
    }
    return new String(out);
  }
}
