package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * Format-preserving encryption of 18-character PRC resident identity numbers (GB 11643-1999):
 * 17 digits followed by an ISO 7064 MOD 11-2 check character ({@code 0-9} or {@code X}).
 *
 * <p><b>What is encrypted.</b> The first 17 digits with FF1-AES-256 ({@link Ff1Cipher}), except
 * the 6-digit region code when {@link Parameters#keepRegionCode()} is set; then the check
 * character is recomputed. So the ciphertext is again 18 characters, 17 digits and a correct
 * check character, which downstream validators accept, and it decrypts back exactly.
 *
 * <p><b>What is not preserved, honestly.</b> The birth date (digits 7 to 14) is encrypted along
 * with the sequence number, so it will usually not be a real date (month 47, day 85, ...), and
 * the region code, when encrypted, will usually not be a real region. The ciphertext keeps
 * format and check character, not date or region validity. Encrypting only the 3-digit sequence
 * number would keep the date but is not possible: 10<sup>3</sup> is far below the one-million
 * minimum domain FF1 needs, and with the date left in clear the ID would stay close to
 * identifying anyway. Recipients who need an age or birth year should get a separate generalized
 * column.
 *
 * <p><b>Tweak.</b> The FF1 tweak binds a scheme label, the kept region code (if kept) and the
 * caller's tweak, so the same birth date and sequence in two regions encrypt differently.
 *
 * <p><b>Input.</b> Only structurally valid IDs ({@link #isValid}): upper-case {@code X}, ASCII
 * digits, correct check character. Invalid input is rejected (not passed through), with a message
 * naming the length or position, never the value; route such values to masking. 15-digit
 * first-generation IDs are not supported. Thread-safe.
 */
public final class ChineseResidentIdFpe implements FormatPreservingCipher {

  /** Length of a resident ID. */
  public static final int LENGTH = 18;

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";
  private static final int REGION_LENGTH = 6;

  /**
   * @param keepRegionCode keep the first 6 digits (province, city, county of household
   *     registration) in clear and encrypt the other 11; otherwise encrypt all 17. Keeping it lets
   *     a recipient aggregate by region but leaks the region, a quasi-identifier.
   */
  public record Parameters(boolean keepRegionCode) {
    /** Keep the region code, encrypt birth date and sequence number. */
    public static final Parameters KEEP_REGION_CODE = new Parameters(true);

    /** Encrypt all 17 digits. */
    public static final Parameters ENCRYPT_ALL = new Parameters(false);
  }

  private final Ff1Cipher ff1;
  private final Parameters parameters;

  private ChineseResidentIdFpe(Ff1Cipher ff1, Parameters parameters) {
    this.ff1 = ff1;
    this.parameters = parameters;
  }

  /**
   * A resident-ID cipher under {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link KeyPurpose#FPE}
   */
  public static ChineseResidentIdFpe create(DerivedKey key, Parameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    return new ChineseResidentIdFpe(Ff1Cipher.create(key, Alphabet.DIGITS), parameters);
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public String encrypt(String residentId, byte[] tweak) {
    return process(true, residentId, tweak);
  }

  @Override
  public String decrypt(String encryptedId, byte[] tweak) {
    return process(false, encryptedId, tweak);
  }

  @Override
  public String formatProblem(String id) {
    String problem = problem(Objects.requireNonNull(id, "resident ID"));
    return problem == null ? null : "not a valid resident ID: " + problem;
  }

  private String process(boolean encrypt, String id, byte[] tweak) {
    Objects.requireNonNull(id, "resident ID");
    Objects.requireNonNull(tweak, "tweak");
    String problem = formatProblem(id);
    if (problem != null) {
      throw new IllegalArgumentException((encrypt ? "plaintext" : "ciphertext") + " is " + problem);
    }
    int start = parameters.keepRegionCode() ? REGION_LENGTH : 0;
    String kept = id.substring(0, start);
    byte[] t = Tweaks.bind("cn-resident-id/v1/" + (start == 0 ? "all" : "keep-region"), kept, tweak);
    String middle = id.substring(start, LENGTH - 1);
    String out = encrypt ? ff1.encrypt(middle, t) : ff1.decrypt(middle, t);
    String first17 = kept + out;
    return first17 + checkChar(first17);
  }

  /**
   * Whether {@code id} is a structurally valid resident ID: 18 characters, 17 ASCII digits, then
   * the matching check character (upper-case {@code X} for 10). Region code and birth date are not
   * checked.
   */
  public static boolean isValid(String id) {
    return id != null && problem(id) == null;
  }

  /**
   * The ISO 7064 MOD 11-2 check character for the first 17 digits: the weighted sum with weights
   * 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, modulo 11, mapped through {@code
   * "10X98765432"}.
   *
   * @throws IllegalArgumentException unless {@code first17} is 17 ASCII digits
   */
  public static char checkChar(String first17) {
    Objects.requireNonNull(first17, "first17");
    if (first17.length() != LENGTH - 1) {
      throw new IllegalArgumentException("need 17 digits, got length " + first17.length());
    }
    int bad = Tweaks.firstNonDigit(first17, 0, LENGTH - 1);
    if (bad >= 0) {
      throw new IllegalArgumentException("non-digit at index " + bad);
    }
    return checkCharOf(first17);
  }

  private static char checkCharOf(String s) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += (s.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }

  /** Why {@code id} is not valid, without quoting it; null if it is valid. */
  private static String problem(String id) {
    if (id.length() != LENGTH) {
      return "length " + id.length() + ", expected " + LENGTH;
    }
    int bad = Tweaks.firstNonDigit(id, 0, LENGTH - 1);
    if (bad >= 0) {
      return "non-digit at index " + bad;
    }
    if (id.charAt(LENGTH - 1) != checkCharOf(id)) {
      return "check character at index 17 does not match (ISO 7064 MOD 11-2; X must be upper case)";
    }
    return null;
  }

  @Override
  public String toString() {
    return "ChineseResidentIdFpe[" + parameters + ", " + ff1 + "]";
  }
}
