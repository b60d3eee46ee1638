package io.custodia.crypto;

/**
 * Produces signatures that anyone with the matching public key can check ({@link SignatureVerifier}).
 * Implementations are Ed25519: deterministic, no nonce for the caller to get wrong.
 */
public interface Signer {
    byte[] sign(byte[] message);

    /** A short, stable identifier of the public key (hex of the first 8 bytes of SHA-256 of its SPKI encoding). */
    String keyId();

    SignatureVerifier verifier();
}
