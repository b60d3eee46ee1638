package io.custodia.crypto.age;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age X25519 recipient: the public key files are encrypted to, written {@code age1...}.
 *
 * <p>Public and safe to log, store in configuration and put in manifests.
 *
 * <p><b>Guarantees:</b> {@link #parse(String)} accepts only a valid Bech32 {@code age} string
 * carrying exactly 32 bytes (either all lowercase or all uppercase, like age itself), and
 * {@link #toString()} always gives the canonical lowercase form, so {@code parse(r.toString())}
 * equals {@code r}. Equality is by key bytes.
 *
 * <p><b>Misuse risks:</b> a recipient string proves nothing about who holds the matching
 * identity; get it from a trusted source. {@link #fingerprint()} identifies a key, it does not
 * authenticate one (64 bits: fine for labelling, not against a deliberate collision).
 */
public final class AgeRecipient {

  static final String HRP = "age";
  static final String STANZA_TYPE = "X25519";
  static final String WRAP_INFO = "age-encryption.org/v1/X25519";

  private final byte[] publicKey;

  private AgeRecipient(byte[] publicKey) {
    if (publicKey.length != X25519.POINT_SIZE) {
      throw new IllegalArgumentException("an X25519 public key has 32 bytes");
    }
    this.publicKey = publicKey.clone();
  }

  /** Wraps 32 raw X25519 public-key bytes (the u-coordinate, little-endian). */
  public static AgeRecipient fromPublicKeyBytes(byte[] publicKey) {
    return new AgeRecipient(Objects.requireNonNull(publicKey, "publicKey"));
  }

  /**
   * Parses an {@code age1...} recipient string.
   *
   * @throws IllegalArgumentException if it is not a valid X25519 age recipient
   */
  public static AgeRecipient parse(String s) {
    Objects.requireNonNull(s, "recipient");
    Bech32.Decoded d;
    try {
      d = Bech32.decode(s.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed age recipient: " + e.getMessage(), e);
    }
    if (!d.hrp().equals(HRP)) {
      throw new IllegalArgumentException("not an age X25519 recipient (expected prefix age1)");
    }
    if (d.data().length != X25519.POINT_SIZE) {
      throw new IllegalArgumentException("malformed age recipient: wrong key length");
    }
    return new AgeRecipient(d.data());
  }

  /** A copy of the 32 public-key bytes. */
  public byte[] publicKeyBytes() {
    return publicKey.clone();
  }

  /**
   * A short stable identifier for manifests and logs: the first 16 hex characters (64 bits) of
   * SHA-256 over the canonical {@code age1...} string.
   */
  public String fingerprint() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(toString().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Wraps {@code fileKey} for this recipient into a fresh X25519 stanza. */
  Stanza wrap(byte[] fileKey, SecureRandom random) throws AgeException {
    byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
    byte[] share = new byte[X25519.POINT_SIZE];
    byte[] shared = new byte[X25519.POINT_SIZE];
    byte[] wrapKey = null;
    try {
      random.nextBytes(ephemeral);
      X25519.scalarMultBase(ephemeral, 0, share, 0);
      if (!X25519.calculateAgreement(ephemeral, 0, publicKey, 0, shared, 0)) {
        throw new AgeException(AgeException.Reason.INVALID_KEY,
            "recipient " + this + " is a low-order point (all-zero shared secret)");
      }
      wrapKey = Primitives.hkdf(shared, salt(share, publicKey), WRAP_INFO, Primitives.KEY_SIZE);
      byte[] body = Primitives.sealZeroNonce(wrapKey, fileKey);
      return new Stanza(STANZA_TYPE, List.of(Primitives.b64(share)), body);
    } finally {
      Primitives.wipe(ephemeral, shared, wrapKey);
    }
  }

  static byte[] salt(byte[] share, byte[] recipient) {
    byte[] salt = new byte[share.length + recipient.length];
    System.arraycopy(share, 0, salt, 0, share.length);
    System.arraycopy(recipient, 0, salt, share.length, recipient.length);
    return salt;
  }

  /** The canonical {@code age1...} string. */
  @Override
  public String toString() {
    return Bech32.encode(HRP, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgeRecipient r && MessageDigest.isEqual(publicKey, r.publicKey);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(publicKey);
  }
}
