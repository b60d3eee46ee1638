package io.custodia.crypto.pseudo;

/**
 * What a derived key is for. The purpose's {@linkplain #label() label} is part of the HKDF info, so
 * keys for different purposes are independent even when everything else is equal, and each
 * primitive refuses a key derived for another purpose.
 */
public enum KeyPurpose {
  /** {@link HmacPseudonymizer} tokens, one key per recipient, sharing purpose and column. */
  PSEUDONYM("pseudonym", true),
  /** {@link Ff1Cipher} and the identifier FPEs built on it, one key per recipient/purpose/column. */
  FPE("fpe", true),
  /** Per-recipient date shifting (implemented outside this package; it takes the raw bytes). */
  DATE_SHIFT("date-shift", true),
  /**
   * {@link SubjectHasher}: internal keyed hashes of subject keys for logs, reports and ledgers.
   * Not scoped to a recipient, so recipient, sharing purpose and column may be empty.
   */
  SUBJECT_HASH("subject-hash", false);

  private final String label;
  private final boolean scopedToRecipient;

  KeyPurpose(String label, boolean scopedToRecipient) {
    this.label = label;
    this.scopedToRecipient = scopedToRecipient;
  }

  /** The stable string that goes into the HKDF info. Never change one: every key would change. */
  public String label() {
    return label;
  }

  /**
   * Whether keys for this purpose must name a recipient, a sharing purpose and a column. True for
   * everything that leaves Custodia, so that two partners never share a key and cannot join their
   * data sets on pseudonyms.
   */
  public boolean scopedToRecipient() {
    return scopedToRecipient;
  }
}
