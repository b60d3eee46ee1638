package io.custodia.backup.verify;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.HashingInputStream;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.ObjectState;
import io.custodia.backup.store.Scratch;
import io.custodia.crypto.age.AgeDecryptor;
import io.custodia.crypto.age.AgeException;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.parquet.ParquetFullRead;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * Checks one object of a set the way a restore would use it: reads it whole (hashing the
 * ciphertext), decrypts it with the drill's identity (hashing the plaintext), and for Parquet opens
 * the decrypted file and decodes every value of every column. Compares everything with the signed
 * manifest (and any signed rotation of the object) and names each difference. Decrypted Parquet
 * goes to an owner-only scratch file that is overwritten and deleted afterwards.
 */
public final class ObjectCheck {
    private ObjectCheck() {
    }

    public static CheckResult check(BackupStore store, ObjectIndex index, List<ManifestEntry> entries, List<AgeIdentity> identities,
            Path scratchDir) {
        ManifestEntry e = entries.getFirst();
        List<String> paths = entries.stream().map(ManifestEntry::path).toList();
        List<CheckResult.Finding> findings = new ArrayList<>();
        long start = System.nanoTime();
        Optional<FileStatus> status = store.status(store.path(e.object()));
        if (status.isEmpty()) {
            findings.add(new CheckResult.Finding(Problem.MISSING, e.object() + " does not exist in the destination"));
            return new CheckResult(e.object(), paths, 0, 0, null, System.nanoTime() - start, findings);
        }
        Path scratch = null;
        HashingInputStream cipher = null;
        HashingInputStream plain = null;
        Long rows = null;
        try (InputStream in = store.open(store.path(e.object()))) {
            cipher = new HashingInputStream(in);
            try {
                plain = new HashingInputStream(AgeDecryptor.decryptingStream(cipher, identities));
                if (e.isParquet()) {
                    scratch = Scratch.create(scratchDir, "drill");
                    try (OutputStream out = Files.newOutputStream(scratch, StandardOpenOption.TRUNCATE_EXISTING)) {
                        plain.transferTo(out);
                    }
                } else {
                    plain.drain();
                }
            } catch (AgeException ex) {
                findings.add(ageFinding(ex, e, index, identities));
                plain = null;
            }
            cipher.drain();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.object() + ": " + ex.getMessage(), ex);
        }
        final long cipherBytes = cipher.count();
        try {
            String cipherSha = cipher.sha256();
            long expectedSize = index.latest(e.sha256()).map(ObjectState::ciphertextSize).orElse(e.ciphertextSize());
            if (cipherBytes < expectedSize && index.states(e.sha256()).stream().noneMatch(s -> s.ciphertextSize() == cipherBytes)) {
                findings.addFirst(new CheckResult.Finding(Problem.TRUNCATED, e.object() + " is " + cipherBytes + " bytes; the set says "
                        + expectedSize + ": the object was truncated"));
            } else if (index.stateWithHash(e.sha256(), cipherSha).isEmpty() && !e.ciphertextSha256().equals(cipherSha)) {
                findings.addFirst(new CheckResult.Finding(Problem.MODIFIED, e.object() + ": its SHA-256 matches no signed state of it "
                        + "(manifest or key rotation): the object was modified after it was written"
                        + (cipherBytes != expectedSize ? " (" + cipherBytes + " bytes where " + expectedSize + " were written)" : "")));
            }
            if (plain != null) {
                if (!plain.sha256().equals(e.sha256()) || plain.count() != e.size()) {
                    findings.add(new CheckResult.Finding(Problem.PLAINTEXT_MISMATCH, e.object() + " decrypts to " + plain.count()
                            + " bytes with a SHA-256 other than the manifest's"));
                } else if (scratch != null) {
                    rows = parquetRows(scratch, e, findings);
                }
            }
        } finally {
            if (scratch != null) {
                Scratch.wipe(scratch);
            }
        }
        return new CheckResult(e.object(), paths, cipherBytes, plain == null ? 0 : plain.count(), rows, System.nanoTime() - start, findings);
    }

    private static CheckResult.Finding ageFinding(AgeException ex, ManifestEntry e, ObjectIndex index, List<AgeIdentity> identities) {
        return switch (ex.reason()) {
            case NO_MATCHING_IDENTITY -> new CheckResult.Finding(Problem.WRONG_IDENTITY, e.object() + ": the identity (recipient "
                    + identities.stream().map(i -> i.recipient().fingerprint()).toList() + ") is not a recipient of this object; it is encrypted to "
                    + index.latest(e.sha256()).map(ObjectState::recipients).orElse(e.recipients()));
            case TRUNCATED -> new CheckResult.Finding(Problem.TRUNCATED, e.object() + ": " + ex.getMessage());
            case HEADER_MAC_MISMATCH, PAYLOAD_AUTHENTICATION_FAILED, TRAILING_DATA, MALFORMED_HEADER, MALFORMED_PAYLOAD ->
                    new CheckResult.Finding(Problem.MODIFIED, e.object() + ": " + ex.getMessage());
            default -> new CheckResult.Finding(Problem.DECRYPTION_FAILED, e.object() + ": " + ex.getMessage());
        };
    }

    private static Long parquetRows(Path scratch, ManifestEntry e, List<CheckResult.Finding> findings) {
        Configuration conf = Storage.configuration();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(scratch.toUri());
        try {
            long footer = ParquetRowReader.rowCount(p, conf);
            long read = ParquetFullRead.rows(p, conf);
            if (e.rows() != null && (footer != e.rows() || read != e.rows())) {
                findings.add(new CheckResult.Finding(Problem.ROW_COUNT_MISMATCH, e.path() + ": the manifest says " + e.rows()
                        + " rows; the footer says " + footer + " and " + read + " were read"));
            }
            return read;
        } catch (IOException | RuntimeException ex) {
            findings.add(new CheckResult.Finding(Problem.PARQUET_UNREADABLE, e.path() + ": the decrypted file does not open as Parquet ("
                    + ex.getClass().getSimpleName() + ")"));
            return null;
        }
    }
}
