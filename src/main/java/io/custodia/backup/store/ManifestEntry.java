package io.custodia.backup.store;

import java.util.List;

/**
 * One backed-up file in a set's manifest. {@code path} is the logical path inside the set
 * ({@code data/<dataset>/…}, {@code extra/…}, {@code catalog.yaml}); {@code object} the object it is
 * stored in, relative to the destination ({@code objects/ab/<sha256>.age}). {@code sha256} is the
 * plaintext hash (the object's name), {@code ciphertextSha256} the SHA-256 of the whole object file
 * as this set knows it, {@code rows} the Parquet row count (null for other formats).
 * {@code stored} is {@code new} when this set wrote the object, {@code reused} when an earlier set's
 * object was referenced.
 */
public record ManifestEntry(
        String path,
        String dataset,
        String format,
        String source,
        long size,
        long modifiedAt,
        String sha256,
        String object,
        long ciphertextSize,
        String ciphertextSha256,
        Long rows,
        List<String> recipients,
        String stored) {

    public static final String NEW = "new";
    public static final String REUSED = "reused";

    public ManifestEntry {
        recipients = List.copyOf(recipients);
    }

    public ManifestEntry reused(String source, long modifiedAt, ObjectState state) {
        return new ManifestEntry(path, dataset, format, source, size, modifiedAt, sha256, object, state.ciphertextSize(),
                state.ciphertextSha256(), rows, state.recipients(), REUSED);
    }

    public boolean isParquet() {
        return "parquet".equals(format);
    }
}
