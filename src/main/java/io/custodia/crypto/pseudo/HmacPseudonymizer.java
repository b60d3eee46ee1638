package io.custodia.crypto.pseudo;

import java.util.Objects;

/**
 * {@link Pseudonymizer} by HMAC-SHA-256 under a {@link KeyPurpose#PSEUDONYM} key.
 *
 * <p><b>Token format.</b> Exactly {@value #TOKEN_LENGTH} characters from {@code a-z2-7}: the
 * first {@value #TOKEN_LENGTH} characters of the unpadded lowercase RFC 4648 base32 encoding of
 * {@code HMAC-SHA-256(key, UTF-8(value))}, i.e. the first 130 bits of the tag. At 130 bits, a
 * collision among even 2<sup>40</sup> distinct values has probability below 2<sup>-50</sup>.
 * Anyone holding the derived key can recompute a token with standard tools ({@code openssl dgst
 * -sha256 -mac HMAC}, then {@code base32}, lowercase, cut at 26).
 *
 * <p>Thread-safe; each thread hashes with its own clone of one initialized JDK {@code Mac}.
 */
public final class HmacPseudonymizer implements Pseudonymizer {

  /** Length of every token in characters. */
  public static final int TOKEN_LENGTH = 26;

  private final DerivedKeyId keyId;
  private final HmacSha256 hmac;

  private HmacPseudonymizer(DerivedKeyId keyId, HmacSha256 hmac) {
    this.keyId = keyId;
    this.hmac = hmac;
  }

  /**
   * A pseudonymizer under {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link
   *     KeyPurpose#PSEUDONYM}
   */
  public static HmacPseudonymizer create(DerivedKey key) {
    Objects.requireNonNull(key, "key");
    return new HmacPseudonymizer(
        key.id(), new HmacSha256(key.bytesFor(KeyPurpose.PSEUDONYM, "HmacPseudonymizer")));
  }

  @Override
  public String token(String value) {
    Objects.requireNonNull(value, "value");
    return tokenOf(hmac, value, "value");
  }

  static String tokenOf(HmacSha256 hmac, String value, String what) {
    return Base32.encodePrefix(hmac.mac(Strings.utf8ForHashing(value, what)), TOKEN_LENGTH);
  }

  /** The id of the key in use (never the key). */
  public DerivedKeyId keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "HmacPseudonymizer[" + keyId + "]";
  }
}
