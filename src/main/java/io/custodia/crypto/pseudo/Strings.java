package io.custodia.crypto.pseudo;

import java.nio.charset.StandardCharsets;

/** String checks shared by this package. */
final class Strings {
  private Strings() {}

  /** Index of the first unpaired surrogate in {@code s}, or -1 if {@code s} is well-formed. */
  static int unpairedSurrogateIndex(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * UTF-8 bytes of a value about to be hashed. Rejects malformed UTF-16 instead of letting the
   * encoder replace it with {@code '?'}, which would make distinct values hash alike.
   */
  static byte[] utf8ForHashing(String value, String what) {
    int bad = unpairedSurrogateIndex(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          what + " has an unpaired UTF-16 surrogate at index " + bad);
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
