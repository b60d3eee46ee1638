package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * Format-preserving encryption of 11-digit mainland China mobile numbers ({@code 1[3-9]} followed
 * by 9 digits, no {@code +86}, spaces or dashes). The ciphertext is again such a number, and
 * decrypts back exactly.
 *
 * <ul>
 *   <li>With {@link Parameters#keepCarrierPrefix()}, the first 3 digits (the carrier's number
 *       segment, e.g. {@code 138}) are kept and the last 8 are encrypted with FF1 (10<sup>8</sup>
 *       values per prefix).
 *   <li>Without it, only the leading {@code 1} is kept; the other 10 digits are encrypted with FF1
 *       and, to keep the second digit in {@code 3-9}, <em>cycle-walked</em>: FF1 is applied again
 *       to its own output until the second digit is in range (1.43 applications on average). Cycle
 *       walking is a permutation of exactly the valid numbers, so decryption (walking backwards)
 *       is exact. The number of FF1 calls depends on the value, a timing difference that reveals
 *       nothing useful here but is noted for completeness.
 * </ul>
 *
 * <p>The result is a valid-format number, not necessarily an allocated segment ({@code 154...}
 * may come out). The FF1 tweak binds a scheme label, the kept prefix and the caller's tweak.
 * Invalid input is rejected with a message that does not quote it. Thread-safe.
 */
public final class MobileNumberFpe implements FormatPreservingCipher {

  /** Length of a mainland mobile number. */
  public static final int LENGTH = 11;

  /**
   * @param keepCarrierPrefix keep the first 3 digits in clear (reveals the carrier and a little
   *     about when the number was issued), else keep only the leading {@code 1}
   */
  public record Parameters(boolean keepCarrierPrefix) {
    /** Keep the 3-digit prefix, encrypt the last 8 digits. */
    public static final Parameters KEEP_CARRIER_PREFIX = new Parameters(true);

    /** Keep only the leading {@code 1}, encrypt the other 10 digits. */
    public static final Parameters ENCRYPT_ALL = new Parameters(false);
  }

  private final Ff1Cipher ff1;
  private final Parameters parameters;

  private MobileNumberFpe(Ff1Cipher ff1, Parameters parameters) {
    this.ff1 = ff1;
    this.parameters = parameters;
  }

  /**
   * A mobile-number cipher under {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link KeyPurpose#FPE}
   */
  public static MobileNumberFpe create(DerivedKey key, Parameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    return new MobileNumberFpe(Ff1Cipher.create(key, Alphabet.DIGITS), parameters);
  }

  public Parameters parameters() {
    return parameters;
  }

  /** Whether {@code number} is 11 ASCII digits of the form {@code 1[3-9]xxxxxxxxx}. */
  public static boolean isValid(String number) {
    return number != null && problem(number) == null;
  }

  @Override
  public String encrypt(String number, byte[] tweak) {
    return process(true, number, tweak);
  }

  @Override
  public String decrypt(String encrypted, byte[] tweak) {
    return process(false, encrypted, tweak);
  }

  @Override
  public String formatProblem(String number) {
    String problem = problem(Objects.requireNonNull(number, "mobile number"));
    return problem == null ? null : "not a valid mobile number: " + problem;
  }

  private String process(boolean encrypt, String number, byte[] tweak) {
    Objects.requireNonNull(number, "mobile number");
    Objects.requireNonNull(tweak, "tweak");
    String problem = formatProblem(number);
    if (problem != null) {
      throw new IllegalArgumentException((encrypt ? "plaintext" : "ciphertext") + " is " + problem);
    }
    if (parameters.keepCarrierPrefix()) {
      String kept = number.substring(0, 3);
      byte[] t = Tweaks.bind("cn-mobile/v1/keep-prefix", kept, tweak);
      String rest = number.substring(3);
      return kept + (encrypt ? ff1.encrypt(rest, t) : ff1.decrypt(rest, t));
    }
    byte[] t = Tweaks.bind("cn-mobile/v1/all", "1", tweak);
    String x = number.substring(1);
    do {
      x = encrypt ? ff1.encrypt(x, t) : ff1.decrypt(x, t);
    } while (x.charAt(0) < '3');
    return "1" + x;
  }

  private static String problem(String n) {
    if (n.length() != LENGTH) {
      return "length " + n.length() + ", expected " + LENGTH;
    }
    int bad = Tweaks.firstNonDigit(n, 0, LENGTH);
    if (bad >= 0) {
      return "non-digit at index " + bad;
    }
    if (n.charAt(0) != '1' || n.charAt(1) < '3') {
      return "does not start with 13 to 19";
    }
    return null;
  }

  @Override
  public String toString() {
    return "MobileNumberFpe[" + parameters + ", " + ff1 + "]";
  }
}
