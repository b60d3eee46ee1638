package io.custodia.share.transforms;

/** A transform was told to fail on a value it cannot handle. The message never holds the value. */
public final class InvalidValueException extends RuntimeException {
    public InvalidValueException(String message) {
        super(message);
    }
}
