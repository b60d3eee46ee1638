package io.custodia.share;

/**
 * The export failed closed: the privacy thresholds of the policy cannot be met on this data (or the
 * data changed under the run). Nothing was published; the message says what to change.
 */
public final class ShareRefusedException extends RuntimeException {
    public ShareRefusedException(String message) {
        super(message);
    }
}
