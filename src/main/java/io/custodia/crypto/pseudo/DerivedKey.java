package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * A 32-byte key derived by {@link KeyDerivation} for exactly one {@link DerivedKeyId}. Hand it to
 * the primitive of its purpose ({@link HmacPseudonymizer#create}, {@link Ff1Cipher#create}, ...);
 * each primitive refuses a key of another purpose.
 *
 * <p>{@link #toString()} shows the id, never the bytes. Equality is identity: two keys are not
 * compared by content (that would invite non-constant-time comparisons of secrets); compare ids.
 */
public final class DerivedKey {

  /** Length of every derived key in bytes (AES-256 and HMAC-SHA-256 both take 32). */
  public static final int LENGTH = 32;

  private final DerivedKeyId id;
  private final byte[] bytes;

  DerivedKey(DerivedKeyId id, byte[] bytes) {
    this.id = Objects.requireNonNull(id, "id");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a derived key is " + LENGTH + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** What this key was derived for. */
  public DerivedKeyId id() {
    return id;
  }

  /** Shortcut for {@code id().purpose()}. */
  public KeyPurpose purpose() {
    return id.purpose();
  }

  /**
   * A copy of the key bytes, for primitives implemented outside this package (such as date
   * shifting). This is the only way derived key bytes leave the package, so a search for {@code
   * rawKeyMaterial} finds every place that handles them. Do not log, persist or compare them;
   * zero the copy when done.
   */
  public byte[] rawKeyMaterial() {
    return bytes.clone();
  }

  /** The bytes for primitives of this package, after checking the purpose. */
  byte[] bytesFor(KeyPurpose expected, String primitive) {
    if (id.purpose() != expected) {
      throw new IllegalArgumentException(
          primitive
              + " needs a key derived for '"
              + expected.label()
              + "', got one derived for '"
              + id.purpose().label()
              + "'");
    }
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "DerivedKey[" + id + "]";
  }
}
