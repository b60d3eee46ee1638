package io.custodia.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The key directory ({@code var/keys} by default). It holds the evidence signing key, the backup
 * recipient key pair and the pseudonymization master key. Secret files are created owner-only
 * (0600) and never overwritten; nothing here ever prints or logs key material.
 *
 * <p>In production the nightly host needs only {@code signing.key}, {@code backup-recipient.txt}
 * (public) and {@code master.key}; the backup identity belongs offline with the restore operators.
 */
public final class KeyDirectory {
    public static final String SIGNING_KEY = "signing.key";
    public static final String SIGNING_PUB = "signing.pub";

    private final Path dir;

    public KeyDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    /** Creates every missing key; returns one line per key saying created or kept. */
    public List<String> init() {
        List<String> out = new ArrayList<>();
        if (Files.exists(path(SIGNING_KEY))) {
            out.add("kept    " + path(SIGNING_KEY) + " (evidence signing key, Ed25519)");
        } else {
            Ed25519Keys.generate(path(SIGNING_KEY), path(SIGNING_PUB));
            out.add("created " + path(SIGNING_KEY) + " (evidence signing key, Ed25519, 0600) and " + SIGNING_PUB);
        }
        return out;
    }

    public Signer signer() {
        require(SIGNING_KEY, "the evidence signing key");
        return Ed25519Keys.signer(path(SIGNING_KEY), path(SIGNING_PUB));
    }

    public SignatureVerifier verifier() {
        require(SIGNING_PUB, "the evidence signing public key");
        return Ed25519Keys.verifier(path(SIGNING_PUB));
    }

    void require(String name, String what) {
        if (!Files.exists(path(name))) {
            throw new MissingKeyException(what + " is missing: no " + path(name) + "; run `./custodia keys init` (or point custodia.keys-dir at your key directory)");
        }
    }

    /** A key the operation needs is not in the key directory. */
    public static final class MissingKeyException extends IllegalStateException {
        public MissingKeyException(String message) {
            super(message);
        }
    }
}
