package io.custodia.parquet;

import java.io.Closeable;

/**
 * A stream of rows from one file. {@link #next()} returns null at the end. Each returned row is
 * fresh (callers may keep it). Malformed input fails with {@link DataFileException} naming file
 * and record, never with personal values in the message.
 */
public interface RowReader extends Closeable {
    Row next();

    RowSchema schema();

    /** 1-based position of the last row returned, for error messages. */
    long position();

    @Override
    void close();
}
