package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * Keyed hash of a subject key (the internal customer identifier) for logs, run reports and
 * erasure/sharing ledgers, so they can say "subject X was exported / erased" without holding X.
 *
 * <p>Same primitive and format as {@link HmacPseudonymizer} (HMAC-SHA-256, {@value
 * HmacPseudonymizer#TOKEN_LENGTH} lowercase base32 characters) but under a key of the distinct
 * purpose {@link KeyPurpose#SUBJECT_HASH}: a subject hash never equals a pseudonym handed to a
 * partner, so a ledger line cannot be joined with a partner's data set.
 *
 * <p><b>Misuse risks.</b> Subject keys are usually guessable (sequential numbers), so a subject
 * hash is only as private as its key: whoever has the key can hash every possible subject key and
 * read the ledger. The key stays inside Custodia. Rotating {@code keyVersion} makes old ledger
 * entries unmatchable with new ones. Thread-safe.
 */
public final class SubjectHasher {

  private final DerivedKeyId keyId;
  private final HmacSha256 hmac;

  private SubjectHasher(DerivedKeyId keyId, HmacSha256 hmac) {
    this.keyId = keyId;
    this.hmac = hmac;
  }

  /**
   * A subject hasher under {@code key}, typically {@code
   * derivation.derive(DerivedKeyId.forSubjectHash(version))}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link
   *     KeyPurpose#SUBJECT_HASH}
   */
  public static SubjectHasher create(DerivedKey key) {
    Objects.requireNonNull(key, "key");
    return new SubjectHasher(
        key.id(), new HmacSha256(key.bytesFor(KeyPurpose.SUBJECT_HASH, "SubjectHasher")));
  }

  /**
   * The hash of {@code subjectKey}, exactly as given (no trimming or case folding).
   *
   * @throws IllegalArgumentException if {@code subjectKey} is not well-formed UTF-16
   */
  public String hash(String subjectKey) {
    Objects.requireNonNull(subjectKey, "subjectKey");
    return HmacPseudonymizer.tokenOf(hmac, subjectKey, "subjectKey");
  }

  /** The id of the key in use (never the key). */
  public DerivedKeyId keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "SubjectHasher[" + keyId + "]";
  }
}
