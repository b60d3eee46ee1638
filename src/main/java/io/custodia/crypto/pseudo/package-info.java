/**
 * Pseudonymization, format-preserving encryption and masking for data that leaves Custodia.
 *
 * <p>The package follows the style of Google Tink: small interfaces that say what they promise,
 * parameters as immutable records, and no algorithm, mode, nonce or key-length choices left to
 * callers. Every key is derived from one {@link io.custodia.crypto.pseudo.MasterKey} by
 * {@link io.custodia.crypto.pseudo.KeyDerivation} (HKDF-SHA-256) for exactly one
 * {@link io.custodia.crypto.pseudo.DerivedKeyId}: one purpose, one recipient, one sharing
 * purpose, one column, one key version. Primitives refuse keys derived for another purpose, so a
 * key can never be used by two algorithms.
 *
 * <ul>
 *   <li>{@link io.custodia.crypto.pseudo.Pseudonymizer} / {@link
 *       io.custodia.crypto.pseudo.HmacPseudonymizer}: deterministic, one-way tokens (HMAC-SHA-256).
 *   <li>{@link io.custodia.crypto.pseudo.SubjectHasher}: keyed hash of a subject key for logs,
 *       reports and ledgers.
 *   <li>{@link io.custodia.crypto.pseudo.FormatPreservingCipher} / {@link
 *       io.custodia.crypto.pseudo.Ff1Cipher}: reversible, format-preserving encryption (NIST SP
 *       800-38G FF1 with AES-256), and identifier-aware wrappers for PRC resident IDs, mainland
 *       mobile numbers and bank cards.
 *   <li>{@link io.custodia.crypto.pseudo.Masks} / {@link io.custodia.crypto.pseudo.MaskPattern}:
 *       display masking (pure string functions, no key).
 * </ul>
 *
 * <h2>Raw key material</h2>
 * Master-key bytes never leave this package except through {@link
 * io.custodia.crypto.pseudo.MasterKey#writeFile}. Derived-key bytes leave it only through {@link
 * io.custodia.crypto.pseudo.DerivedKey#rawKeyMaterial()}; grep for {@code rawKeyMaterial} to find
 * every place outside this package that handles key bytes. No {@code toString()} in this package
 * prints key bytes, and no exception message prints an input value (they may be personal data):
 * messages name lengths and positions instead.
 */
package io.custodia.crypto.pseudo;
