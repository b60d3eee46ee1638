package io.custodia.crypto;

import io.custodia.crypto.age.AgeIdentity;
import io.custodia.crypto.age.AgeRecipient;
import io.custodia.crypto.pseudo.DerivedKeyId;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.crypto.pseudo.MasterKey;
import io.custodia.crypto.pseudo.SubjectHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public static final String BACKUP_IDENTITY = "backup-identity.txt";
    public static final String BACKUP_RECIPIENT = "backup-recipient.txt";
    public static final String MASTER_KEY = "master.key";

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
        if (Files.exists(path(BACKUP_IDENTITY))) {
            out.add("kept    " + path(BACKUP_IDENTITY) + " (backup identity, age X25519)");
        } else {
            try {
                AgeIdentity identity = AgeIdentity.generate();
                identity.writeFile(path(BACKUP_IDENTITY));
                Files.writeString(path(BACKUP_RECIPIENT), "# age recipient (public key) the nightly backup encrypts to\n"
                        + identity.recipient() + "\n");
                out.add("created " + path(BACKUP_IDENTITY) + " (backup identity in age format, 0600; keep it offline in production)"
                        + " and " + BACKUP_RECIPIENT + " (public)");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the backup key pair: " + e.getMessage(), e);
            }
        }
        if (Files.exists(path(MASTER_KEY))) {
            out.add("kept    " + path(MASTER_KEY) + " (pseudonymization master key)");
        } else {
            try {
                MasterKey.generate().writeFile(path(MASTER_KEY));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the master key: " + e.getMessage(), e);
            }
            out.add("created " + path(MASTER_KEY) + " (pseudonymization master key, 0600)");
        }
        return out;
    }

    /** The backup recipients (public keys, age1…): every non-comment line of backup-recipient.txt. */
    public List<AgeRecipient> backupRecipients() {
        require(BACKUP_RECIPIENT, "the backup recipient (public key)");
        try {
            return Files.readAllLines(path(BACKUP_RECIPIENT)).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(AgeRecipient::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MasterKey masterKey() {
        require(MASTER_KEY, "the pseudonymization master key");
        try {
            return MasterKey.readFile(path(MASTER_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(MASTER_KEY) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The keyed hash that reports, certificates and ledgers use in place of a subject key
     * (customer id): stable across runs, meaningless without the master key.
     */
    public SubjectHasher subjectHasher() {
        return SubjectHasher.create(new KeyDerivation(masterKey()).derive(DerivedKeyId.forSubjectHash(1)));
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
