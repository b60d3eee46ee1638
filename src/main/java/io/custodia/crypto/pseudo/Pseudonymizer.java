package io.custodia.crypto.pseudo;

/**
 * Replaces a value with a token that cannot be turned back into it.
 *
 * <p><b>Promises.</b> Deterministic: one pseudonymizer gives the same token for the same value
 * every time, so a recipient can join and count on tokens. Distinct values get distinct tokens
 * except with negligible probability. Without the key, a token reveals nothing about its value,
 * and tokens from pseudonymizers with different keys cannot be linked. Implementations are
 * thread-safe.
 *
 * <p><b>Does not promise.</b> Reversibility (use a {@link FormatPreservingCipher} when the value
 * must come back). Protection for a value that can be guessed by whoever holds the key: the key
 * holder can hash every mobile number in minutes, so the key must stay in Custodia. Equality of
 * values that differ only in spelling: no normalization is done, so {@code "13800138000"}, {@code
 * " 13800138000"} and {@code "+8613800138000"} give three tokens; normalize before calling.
 */
public interface Pseudonymizer {

  /**
   * The token for {@code value}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not well-formed UTF-16
   */
  String token(String value);
}
