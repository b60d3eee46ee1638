package io.custodia.crypto.pseudo;

/**
 * Display masks for common Chinese personal identifiers. Pure functions with no key.
 *
 * <p><b>Guarantees.</b> They accept any string, never throw on malformed values, and fail closed:
 * a value too short to keep both ends is masked entirely (see {@link MaskPattern#apply}). That
 * makes them the safe fallback for values an FPE rejects as invalid. Null stays null.
 *
 * <p><b>Misuse risks.</b> A mask is for screens, logs and reports, not for data sharing: the
 * visible characters are real, and the hidden ones are often guessable (the 8 hidden digits of a
 * resident ID are mostly a birth date, the hidden digits of a card are constrained by Luhn).
 */
public final class Masks {

  private static final MaskPattern MOBILE = MaskPattern.of(3, 4);
  private static final MaskPattern FIRST6_LAST4 = MaskPattern.of(6, 4);

  private Masks() {}

  /** {@code 13812345678 -> 138****5678}: first 3 and last 4 kept. */
  public static String mobile(String number) {
    return MOBILE.apply(number);
  }

  /** {@code 11010519491231002X -> 110105********002X}: region code and last 4 kept. */
  public static String residentId(String id) {
    return FIRST6_LAST4.apply(id);
  }

  /** As {@link #residentId(String)} with another mask character. */
  public static String residentId(String id, char maskChar) {
    return new MaskPattern(6, 4, maskChar).apply(id);
  }

  /** {@code 6222020200112345678 -> 622202*********5678}: BIN and last 4 kept. */
  public static String bankCard(String cardNumber) {
    return FIRST6_LAST4.apply(cardNumber);
  }

  /**
   * {@code zhangsan@example.com -> z***@example.com}: the first character of the local part, a
   * fixed {@code ***} (so the local part's length is not shown) and the domain. A one-character
   * local part is not shown at all ({@code ***@example.com}). Without an {@code @} after at least
   * one character, the whole value is masked.
   */
  public static String email(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return MaskPattern.of(0, 0).apply(email);
    }
    String local = email.substring(0, at);
    String shown =
        local.codePointCount(0, local.length()) > 1
            ? local.substring(0, local.offsetByCodePoints(0, 1))
            : "";
    return shown + "***" + email.substring(at);
  }
}
