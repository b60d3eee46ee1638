package io.custodia.backup.verify;

/** What a drill can find wrong, each with the words a report uses for it. */
public enum Problem {
    SET_NOT_FOUND("set not found"),
    MANIFEST_UNSIGNED("manifest unsigned"),
    MANIFEST_EDITED("manifest edited (signature does not verify)"),
    MANIFEST_MALFORMED("manifest unreadable"),
    IDENTITY_UNUSABLE("identity unusable"),
    MISSING("object missing"),
    TRUNCATED("object truncated"),
    MODIFIED("object modified"),
    WRONG_IDENTITY("wrong identity"),
    DECRYPTION_FAILED("decryption failed"),
    PLAINTEXT_MISMATCH("plaintext differs from the manifest"),
    PARQUET_UNREADABLE("Parquet file unreadable"),
    ROW_COUNT_MISMATCH("Parquet row count differs from the manifest");

    private final String label;

    Problem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
