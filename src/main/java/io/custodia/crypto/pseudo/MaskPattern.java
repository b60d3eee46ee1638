package io.custodia.crypto.pseudo;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A display mask: keep the first {@code keepFirst} and the last {@code keepLast} characters,
 * replace every other character with {@code maskChar}. Written in configuration as {@code
 * keep-first:3,keep-last:4,char:*} and read with {@link #parse}.
 *
 * <p><b>Guarantees.</b> The result has as many characters (code points) as the input, so it still
 * lines up in reports. <em>Fails closed:</em> when the value has no more than {@code keepFirst +
 * keepLast} characters, every character is masked, since keeping both ends would show all of it.
 * Code points are never split, so a masked value is always well-formed text. Pure function; no key.
 *
 * <p><b>Misuse risks.</b> Masking is for display, not for sharing: the kept characters are real,
 * and for structured identifiers the masked middle can often be guessed (a resident ID's hidden
 * digits are largely a birth date). Use pseudonymization or FPE for data that leaves Custodia.
 *
 * @param keepFirst characters kept at the start, {@code >= 0}
 * @param keepLast characters kept at the end, {@code >= 0}
 * @param maskChar replacement for every other character; a BMP character, not a surrogate
 */
public record MaskPattern(int keepFirst, int keepLast, char maskChar) {

  /** The default mask character. */
  public static final char DEFAULT_MASK_CHAR = '*';

  private static final String KEEP_FIRST = "keep-first";
  private static final String KEEP_LAST = "keep-last";
  private static final String CHAR = "char";

  public MaskPattern {
    if (keepFirst < 0) {
      throw new IllegalArgumentException("keep-first must be >= 0, got " + keepFirst);
    }
    if (keepLast < 0) {
      throw new IllegalArgumentException("keep-last must be >= 0, got " + keepLast);
    }
    if (Character.isSurrogate(maskChar)) {
      throw new IllegalArgumentException(
          "char must be a single BMP character, got surrogate U+"
              + Integer.toHexString(maskChar).toUpperCase());
    }
  }

  /** Keep {@code keepFirst} and {@code keepLast} characters, mask the rest with {@code '*'}. */
  public static MaskPattern of(int keepFirst, int keepLast) {
    return new MaskPattern(keepFirst, keepLast, DEFAULT_MASK_CHAR);
  }

  /**
   * Parses {@code keep-first:N,keep-last:N,char:C}. Entries are separated by commas, may come in
   * any order, may be surrounded by spaces, and may be left out (defaults: 0, 0, {@code *}); each
   * may appear once. {@code C} is exactly one character and cannot be a comma.
   *
   * @throws IllegalArgumentException naming the bad entry or value
   */
  public static MaskPattern parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.isBlank()) {
      throw new IllegalArgumentException("mask pattern is empty");
    }
    int keepFirst = 0;
    int keepLast = 0;
    char maskChar = DEFAULT_MASK_CHAR;
    Set<String> seen = new HashSet<>();
    for (String raw : spec.split(",", -1)) {
      String entry = raw.strip();
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "mask pattern entry '" + entry + "' is not key:value (in '" + spec + "')");
      }
      String key = entry.substring(0, colon).strip();
      String value = entry.substring(colon + 1).strip();
      if (!seen.add(key)) {
        throw new IllegalArgumentException("mask pattern key '" + key + "' appears twice");
      }
      switch (key) {
        case KEEP_FIRST -> keepFirst = count(KEEP_FIRST, value);
        case KEEP_LAST -> keepLast = count(KEEP_LAST, value);
        case CHAR -> {
          if (value.length() != 1 || Character.isSurrogate(value.charAt(0))) {
            throw new IllegalArgumentException(
                "mask pattern char must be exactly one character, got '" + value + "'");
          }
          maskChar = value.charAt(0);
        }
        default ->
            throw new IllegalArgumentException(
                "unknown mask pattern key '"
                    + key
                    + "' (expected "
                    + KEEP_FIRST
                    + ", "
                    + KEEP_LAST
                    + " or "
                    + CHAR
                    + ")");
      }
    }
    return new MaskPattern(keepFirst, keepLast, maskChar);
  }

  private static int count(String key, String value) {
    if (!value.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(
          "mask pattern " + key + " must be a whole number from 0 to 999999999, got '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  /** The canonical text form, which {@link #parse} reads back to an equal pattern. */
  public String spec() {
    return KEEP_FIRST + ":" + keepFirst + "," + KEEP_LAST + ":" + keepLast + "," + CHAR + ":" + maskChar;
  }

  /** {@code value} masked; null stays null (a missing value has nothing to mask). */
  public String apply(String value) {
    if (value == null) {
      return null;
    }
    int n = value.codePointCount(0, value.length());
    if ((long) keepFirst + keepLast >= n) {
      return String.valueOf(maskChar).repeat(n);
    }
    StringBuilder out = new StringBuilder(value.length());
    int firstEnd = value.offsetByCodePoints(0, keepFirst);
    int lastStart = value.offsetByCodePoints(0, n - keepLast);
    out.append(value, 0, firstEnd);
    out.repeat(maskChar, n - keepFirst - keepLast);
    out.append(value, lastStart, value.length());
    return out.toString();
  }
}
