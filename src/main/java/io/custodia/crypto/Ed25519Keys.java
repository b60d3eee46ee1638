package io.custodia.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519 signing keys in PEM files: the private key PKCS#8 (owner-only), the public key X.509
 * SubjectPublicKeyInfo, which {@code openssl pkeyutl -verify -pubin -rawin} reads, so an auditor
 * can check a signature without Custodia. Signing and verifying use Bouncy Castle's Ed25519 (the same
 * deterministic RFC 8032 signatures as the JDK's, about ten times faster: the ledger signs one entry
 * per erased customer and verifies every entry before each append).
 */
public final class Ed25519Keys {
    private Ed25519Keys() {
    }

    /** Generates a key pair and writes both files; the private one is created 0600. */
    public static void generate(Path privateKeyFile, Path publicKeyFile) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            OwnerOnlyFiles.createSecret(privateKeyFile, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            Files.write(publicKeyFile, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the signing key: " + e.getMessage(), e);
        }
    }

    public static Signer signer(Path privateKeyFile, Path publicKeyFile) {
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(readPem(privateKeyFile, "PRIVATE KEY")));
            Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(priv.getEncoded());
            SignatureVerifier verifier = verifier(publicKeyFile);
            return new Signer() {
                @Override
                public byte[] sign(byte[] message) {
                    Ed25519Signer s = new Ed25519Signer();
                    s.init(true, key);
                    s.update(message, 0, message.length);
                    return s.generateSignature();
                }

                @Override
                public String keyId() {
                    return verifier.keyId();
                }

                @Override
                public SignatureVerifier verifier() {
                    return verifier;
                }

                @Override
                public String toString() {
                    return "Ed25519Signer[" + verifier.keyId() + "]";
                }
            };
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new IllegalStateException(privateKeyFile + " is not an Ed25519 private key", e);
        }
    }

    public static SignatureVerifier verifier(Path publicKeyFile) {
        try {
            byte[] spki = readPem(publicKeyFile, "PUBLIC KEY");
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Ed25519PublicKeyParameters key = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(pub.getEncoded());
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki), 0, 8);
            return new SignatureVerifier() {
                @Override
                public boolean verify(byte[] message, byte[] signature) {
                    if (signature == null || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
                        return false;
                    }
                    Ed25519Signer s = new Ed25519Signer();
                    s.init(false, key);
                    s.update(message, 0, message.length);
                    return s.verifySignature(signature);
                }

                @Override
                public String keyId() {
                    return id;
                }
            };
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new IllegalStateException(publicKeyFile + " is not an Ed25519 public key", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readPem(Path file, String type) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int start = text.indexOf("-----BEGIN " + type + "-----");
            int end = text.indexOf("-----END " + type + "-----");
            if (start < 0 || end < start) {
                throw new IllegalStateException(file + " is not a PEM " + type + " file");
            }
            return Base64.getMimeDecoder().decode(text.substring(start + ("-----BEGIN " + type + "-----").length(), end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
