package io.custodia.crypto.pseudo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Names one derived key: which {@link KeyPurpose}, for which recipient, for which sharing purpose,
 * for which column, in which key version. Equal ids derive equal keys from the same master key;
 * any difference in any field derives an independent key.
 *
 * <p>The id is turned into HKDF info bytes by {@link #info()}, an injective encoding: a fixed
 * format tag, then each string as a 4-byte big-endian length and its UTF-8 bytes, then the version
 * as 4 big-endian bytes. Because lengths are explicit, no choice of strings can make two different
 * ids encode the same way (e.g. {@code ("a|b", "c")} and {@code ("a", "b|c")} differ).
 *
 * <p>Strings are compared exactly as given: no trimming, case folding or Unicode normalization.
 * {@code "Partner-A"} and {@code "partner-a"} are different recipients with different keys;
 * callers should take these strings from configuration, not from data. Strings must be well-formed
 * UTF-16 (no unpaired surrogates), because UTF-8 encoding would replace them with {@code '?'} and
 * so make different ids collide.
 *
 * @param purpose what the key is for
 * @param recipient who receives the data, e.g. {@code "partner-acme"}; required (non-blank) for
 *     purposes {@linkplain KeyPurpose#scopedToRecipient() scoped to a recipient}
 * @param sharingPurpose why the data is shared, e.g. {@code "fraud-analytics"}; required likewise
 * @param column the column or field the key protects, e.g. {@code "mobile"}; required likewise
 * @param keyVersion the rotation number, from 1; a new version gives new pseudonyms
 */
public record DerivedKeyId(
    KeyPurpose purpose, String recipient, String sharingPurpose, String column, int keyVersion) {

  /** Format tag at the start of every info string; bump only together with a migration plan. */
  static final String INFO_FORMAT = "custodia/pseudo/hkdf-info/v1";

  public DerivedKeyId {
    Objects.requireNonNull(purpose, "purpose");
    checkString("recipient", recipient, purpose);
    checkString("sharingPurpose", sharingPurpose, purpose);
    checkString("column", column, purpose);
    if (keyVersion < 1) {
      throw new IllegalArgumentException("keyVersion must be >= 1, got " + keyVersion);
    }
  }

  /**
   * The id of the {@link SubjectHasher} key: not scoped to any recipient, so hashes of the same
   * subject match across all internal logs, reports and ledgers of that key version.
   */
  public static DerivedKeyId forSubjectHash(int keyVersion) {
    return new DerivedKeyId(KeyPurpose.SUBJECT_HASH, "", "", "", keyVersion);
  }

  /** The HKDF info bytes for this id; see the class documentation for the exact encoding. */
  public byte[] info() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    writeField(out, INFO_FORMAT);
    writeField(out, purpose.label());
    writeField(out, recipient);
    writeField(out, sharingPurpose);
    writeField(out, column);
    writeInt(out, keyVersion);
    return out.toByteArray();
  }

  private static void writeField(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void checkString(String name, String value, KeyPurpose purpose) {
    Objects.requireNonNull(value, name);
    if (purpose.scopedToRecipient() && value.isBlank()) {
      throw new IllegalArgumentException(
          name + " must not be blank for a '" + purpose.label() + "' key");
    }
    int bad = Strings.unpairedSurrogateIndex(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          name + " has an unpaired UTF-16 surrogate at index " + bad);
    }
  }
}
