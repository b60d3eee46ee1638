package io.custodia.parquet;

import java.io.Closeable;

/**
 * Writes rows to a hidden in-progress file; {@link #commit()} makes it durable and renames it to its
 * final name. {@link #close()} without commit deletes the in-progress file: a half-written output
 * is never taken for complete.
 */
public interface RowWriter extends Closeable {
    void write(Row row);

    long rowsWritten();

    /** Finishes, forces to disk and renames into place (replacing an existing file atomically). */
    void commit();

    @Override
    void close();
}
