package io.custodia.crypto.pseudo;

/**
 * Reversible encryption that keeps a value's format: a digit string stays a digit string of the
 * same length, a mobile number stays a valid-looking mobile number, and so on (each
 * implementation states its format).
 *
 * <p><b>Promises.</b> {@code decrypt(encrypt(x, t), t)} equals {@code x} for every valid {@code
 * x}. Deterministic: the same key, tweak and plaintext always give the same ciphertext, so a
 * recipient can join on ciphertexts. Without the key, ciphertexts reveal nothing about
 * plaintexts beyond their format and equality. Implementations are thread-safe.
 *
 * <p><b>The tweak</b> is public context, not a secret and not a nonce: the same tweak must be
 * passed to decrypt. Values encrypted under different tweaks are unlinkable, so use a tweak to
 * separate contexts that must not be joined (for example a table name); pass an empty array when
 * all values must be joinable. The tweak is copied; the caller may reuse its array.
 *
 * <p><b>Does not promise.</b> Hiding equality (deterministic encryption never does), or security
 * for small domains: an attacker who can ask for encryptions can enumerate a domain of a few
 * million values, which is why NIST requires at least a million. Exceptions never contain the
 * input value; they name its length and the offending position.
 */
public interface FormatPreservingCipher {

  /**
   * Encrypts {@code plaintext} under {@code tweak}.
   *
   * @throws IllegalArgumentException if {@code plaintext} is not in this cipher's format
   */
  String encrypt(String plaintext, byte[] tweak);

  /**
   * Decrypts {@code ciphertext} produced by {@link #encrypt} with the same key and tweak.
   *
   * @throws IllegalArgumentException if {@code ciphertext} is not in this cipher's format
   */
  String decrypt(String ciphertext, byte[] tweak);

  /**
   * Why {@code text} is not in this cipher's format (the reason {@link #encrypt} and {@link
   * #decrypt} would give, naming lengths and positions, never the value), or null when it is. A
   * caller that drops invalid values tests them with this instead of paying for an exception per
   * value.
   */
  String formatProblem(String text);
}
