package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * Format-preserving encryption of payment card numbers: 16 to 19 ASCII digits whose last digit is
 * a Luhn check digit. The ciphertext has the same length, is Luhn-valid again, and decrypts back
 * exactly.
 *
 * <p>Everything between the kept prefix and the check digit is encrypted with FF1-AES-256: with
 * {@link Parameters#keepBin()} the first 6 digits (the issuer identification number) are kept, so
 * 9 to 12 digits are encrypted; without it all but the check digit are. The check digit is then
 * recomputed. Without the BIN kept, the result may start with any digit and so need not look like
 * a card of a real scheme.
 *
 * <p>The FF1 tweak binds a scheme label, the kept BIN and the caller's tweak. FF1 also binds the
 * length, so a 16- and a 19-digit card never share a ciphertext space. Invalid input (wrong
 * length, non-digits, bad Luhn digit) is rejected with a message that does not quote it.
 * Thread-safe.
 */
public final class BankCardFpe implements FormatPreservingCipher {

  public static final int MIN_LENGTH = 16;
  public static final int MAX_LENGTH = 19;
  private static final int BIN_LENGTH = 6;

  /**
   * @param keepBin keep the first 6 digits (issuer, card scheme) in clear; a recipient can then
   *     tell banks apart, and a small issuer's BIN narrows down the card holder
   */
  public record Parameters(boolean keepBin) {
    /** Keep the 6-digit BIN, encrypt the rest but the check digit. */
    public static final Parameters KEEP_BIN = new Parameters(true);

    /** Encrypt all digits but the check digit. */
    public static final Parameters ENCRYPT_ALL = new Parameters(false);
  }

  private final Ff1Cipher ff1;
  private final Parameters parameters;

  private BankCardFpe(Ff1Cipher ff1, Parameters parameters) {
    this.ff1 = ff1;
    this.parameters = parameters;
  }

  /**
   * A card-number cipher under {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link KeyPurpose#FPE}
   */
  public static BankCardFpe create(DerivedKey key, Parameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    return new BankCardFpe(Ff1Cipher.create(key, Alphabet.DIGITS), parameters);
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public String encrypt(String cardNumber, byte[] tweak) {
    return process(true, cardNumber, tweak);
  }

  @Override
  public String decrypt(String encrypted, byte[] tweak) {
    return process(false, encrypted, tweak);
  }

  @Override
  public String formatProblem(String card) {
    String problem = problem(Objects.requireNonNull(card, "card number"));
    return problem == null ? null : "not a valid card number: " + problem;
  }

  /** Why {@code card} is not valid, without quoting it; null if it is valid. */
  private static String problem(String card) {
    int n = card.length();
    if (n < MIN_LENGTH || n > MAX_LENGTH) {
      return "length " + n + ", expected " + MIN_LENGTH + " to " + MAX_LENGTH;
    } else if (Tweaks.firstNonDigit(card, 0, n) >= 0) {
      return "non-digit at index " + Tweaks.firstNonDigit(card, 0, n);
    } else if (!luhnValid(card)) {
      return "Luhn check digit does not match";
    }
    return null;
  }

  private String process(boolean encrypt, String card, byte[] tweak) {
    Objects.requireNonNull(card, "card number");
    Objects.requireNonNull(tweak, "tweak");
    int n = card.length();
    String problem = formatProblem(card);
    if (problem != null) {
      throw new IllegalArgumentException((encrypt ? "plaintext" : "ciphertext") + " is " + problem);
    }
    int start = parameters.keepBin() ? BIN_LENGTH : 0;
    String kept = card.substring(0, start);
    byte[] t = Tweaks.bind("card/v1/" + (start == 0 ? "all" : "keep-bin"), kept, tweak);
    String middle = card.substring(start, n - 1);
    String withoutCheck = kept + (encrypt ? ff1.encrypt(middle, t) : ff1.decrypt(middle, t));
    return withoutCheck + luhnCheckDigit(withoutCheck);
  }

  /**
   * Whether {@code digits} is at least 2 ASCII digits whose last digit is the Luhn check digit of
   * the others. Any length is accepted here; card-length rules are {@link #encrypt}'s.
   */
  public static boolean luhnValid(String digits) {
    if (digits == null || digits.length() < 2 || Tweaks.firstNonDigit(digits, 0, digits.length()) >= 0) {
      return false;
    }
    int last = digits.length() - 1;
    return digits.charAt(last) == checkDigitOf(digits, last);
  }

  /**
   * The Luhn check digit to append to {@code withoutCheck}.
   *
   * @throws IllegalArgumentException unless {@code withoutCheck} is one or more ASCII digits
   */
  public static char luhnCheckDigit(String withoutCheck) {
    Objects.requireNonNull(withoutCheck, "withoutCheck");
    if (withoutCheck.isEmpty()) {
      throw new IllegalArgumentException("need at least one digit");
    }
    int bad = Tweaks.firstNonDigit(withoutCheck, 0, withoutCheck.length());
    if (bad >= 0) {
      throw new IllegalArgumentException("non-digit at index " + bad);
    }
    return checkDigitOf(withoutCheck, withoutCheck.length());
  }

  /** Luhn check digit for the first {@code len} digits of {@code s}. */
  private static char checkDigitOf(String s, int len) {
    int sum = 0;
    boolean dbl = true; // the digit next to the check digit is doubled
    for (int i = len - 1; i >= 0; i--) {
      int d = s.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  @Override
  public String toString() {
    return "BankCardFpe[" + parameters + ", " + ff1 + "]";
  }
}
