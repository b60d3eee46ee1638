package io.custodia.crypto.pseudo;

import java.util.Arrays;
import java.util.Objects;

/**
 * The symbols an {@link Ff1Cipher} works on: position {@code i} in {@code symbols} is numeral
 * {@code i}, so the radix is the number of symbols. Ciphertexts use the same symbols as
 * plaintexts.
 *
 * @param symbols 2 to 256 distinct characters from the Basic Multilingual Plane (no surrogates)
 */
public record Alphabet(String symbols) {

  /** {@code 0-9}, radix 10. */
  public static final Alphabet DIGITS = new Alphabet("0123456789");

  /** {@code 0-9a-z}, radix 36; the numeral mapping NIST's FF1 radix-36 samples use. */
  public static final Alphabet LOWER_ALPHANUMERIC =
      new Alphabet("0123456789abcdefghijklmnopqrstuvwxyz");

  /** {@code 0-9A-Za-z}, radix 62. */
  public static final Alphabet ALPHANUMERIC =
      new Alphabet("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

  /** NIST SP 800-38G Rev. 1: radix<sup>minlen</sup> must be at least one million. */
  public static final long MIN_DOMAIN_SIZE = 1_000_000L;

  public Alphabet {
    Objects.requireNonNull(symbols, "symbols");
    if (symbols.length() < 2 || symbols.length() > 256) {
      throw new IllegalArgumentException(
          "an alphabet has 2 to 256 symbols, got " + symbols.length());
    }
    boolean[] seen = new boolean[Character.MAX_VALUE + 1];
    for (int i = 0; i < symbols.length(); i++) {
      char c = symbols.charAt(i);
      if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "alphabet symbol at index " + i + " is a surrogate; only BMP characters are allowed");
      }
      if (seen[c]) {
        throw new IllegalArgumentException(
            "alphabet symbol '" + c + "' at index " + i + " appears twice");
      }
      seen[c] = true;
    }
  }

  /** Number of symbols. */
  public int radix() {
    return symbols.length();
  }

  /**
   * The shortest input an {@link Ff1Cipher} over this alphabet accepts: the least {@code n} with
   * {@code radix^n >= 1,000,000}, e.g. 6 for digits, 4 for radix 36.
   */
  public int minLength() {
    long domain = 1;
    int n = 0;
    while (domain < MIN_DOMAIN_SIZE) {
      domain *= radix();
      n++;
    }
    return n;
  }

  /** Numeral of each symbol, indexed by char; -1 for characters outside the alphabet. */
  int[] numeralTable() {
    int max = 0;
    for (int i = 0; i < symbols.length(); i++) {
      max = Math.max(max, symbols.charAt(i));
    }
    int[] table = new int[max + 1];
    Arrays.fill(table, -1);
    for (int i = 0; i < symbols.length(); i++) {
      table[symbols.charAt(i)] = i;
    }
    return table;
  }
}
