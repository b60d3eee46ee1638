package io.custodia.backup.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A backup set: what was backed up, where each file's encrypted object is, and to whom it is
 * encrypted. Written as {@code sets/<set>/manifest.json} and made a set only by the detached
 * Ed25519 signature {@code manifest.json.sig} written after it. Holds paths, sizes, hashes and
 * counts, never a personal value.
 *
 * @param encryptedTo the recipients this set's new objects were encrypted to
 * @param recipients  every recipient any referenced object is encrypted to (fingerprint → age1…)
 */
public record Manifest(
        String format,
        String set,
        String uuid,
        String jobFile,
        LocalDate runDate,
        Instant createdAt,
        String company,
        String signingKey,
        List<RecipientRef> encryptedTo,
        List<RecipientRef> recipients,
        List<DatasetRef> datasets,
        List<ManifestEntry> files) {

    public static final String FORMAT = "custodia-backup-set/1";

    public Manifest {
        encryptedTo = List.copyOf(encryptedTo);
        recipients = List.copyOf(recipients);
        datasets = List.copyOf(datasets);
        files = List.copyOf(files);
    }

    public long totalSize() {
        return files.stream().mapToLong(ManifestEntry::size).sum();
    }

    public long totalCiphertextSize() {
        return files.stream().mapToLong(ManifestEntry::ciphertextSize).sum();
    }

    public java.util.Optional<DatasetRef> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
