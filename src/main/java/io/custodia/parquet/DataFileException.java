package io.custodia.parquet;

/** A data file is unreadable, corrupt or does not match its declared schema. Names the file. */
public class DataFileException extends RuntimeException {
    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
