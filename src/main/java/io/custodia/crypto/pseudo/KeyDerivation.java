package io.custodia.crypto.pseudo;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Derives every working key from the {@link MasterKey}: HKDF-SHA-256 (RFC 5869) with the master
 * key as input key material, no salt (the master key is already uniformly random, which is the
 * case RFC 5869 section 3.1 allows an empty salt for) and {@link DerivedKeyId#info()} as info,
 * giving 32 bytes.
 *
 * <p><b>Guarantees.</b> Deterministic: the same master key and id always give the same key, on any
 * machine, so pseudonyms are stable across runs. Keys for different ids are independent: knowing
 * one (for example a partner's FPE key) reveals nothing about any other or about the master key.
 * Thread-safe.
 *
 * <p><b>Misuse risks.</b> The encoding of {@link DerivedKeyId} and the purpose labels are part of
 * every key: changing either changes every pseudonym ever issued.
 */
public final class KeyDerivation {

  private final byte[] masterKey;

  public KeyDerivation(MasterKey masterKey) {
    this.masterKey = Objects.requireNonNull(masterKey, "masterKey").bytes();
  }

  /** The key for {@code id}. */
  public DerivedKey derive(DerivedKeyId id) {
    Objects.requireNonNull(id, "id");
    byte[] okm = hkdfSha256(masterKey, null, id.info(), DerivedKey.LENGTH);
    try {
      return new DerivedKey(id, okm);
    } finally {
      Arrays.fill(okm, (byte) 0);
    }
  }

  /** RFC 5869 HKDF-SHA-256; the code path {@link #derive} uses, exposed for the RFC vectors. */
  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  @Override
  public String toString() {
    return "KeyDerivation[HKDF-SHA-256]";
  }
}
