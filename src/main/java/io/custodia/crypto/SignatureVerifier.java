package io.custodia.crypto;

/** Checks signatures made by a {@link Signer}; needs only the public key, so auditors can run it. */
public interface SignatureVerifier {
    boolean verify(byte[] message, byte[] signature);

    String keyId();
}
