package io.custodia.crypto.pseudo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Builds the FF1 tweaks of the identifier-aware ciphers. */
final class Tweaks {
  private Tweaks() {}

  /**
   * An injective encoding of (scheme label, characters kept in clear, caller's tweak): each as a
   * 4-byte big-endian length and its bytes. Binding the kept characters means the encrypted part
   * depends on them (the same sequence digits under two region codes encrypt differently), and
   * binding the label and mode keeps schemes apart even under one key.
   */
  static byte[] bind(String scheme, String kept, byte[] callerTweak) {
    Objects.requireNonNull(callerTweak, "tweak");
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + callerTweak.length);
    field(out, scheme.getBytes(StandardCharsets.US_ASCII));
    field(out, kept.getBytes(StandardCharsets.US_ASCII));
    field(out, callerTweak);
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] b) {
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
  }

  /** Index of the first character of {@code s} in [from, to) that is not an ASCII digit, or -1. */
  static int firstNonDigit(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return i;
      }
    }
    return -1;
  }
}
