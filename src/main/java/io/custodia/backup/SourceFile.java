package io.custodia.backup;

/**
 * A file to back up: its logical path inside the set, the dataset it belongs to (null for extra
 * paths and the catalog), its format, its location and the size and modification time seen when
 * the run was planned.
 */
public record SourceFile(String path, String dataset, String format, String source, long size, long modifiedAt) {
}
