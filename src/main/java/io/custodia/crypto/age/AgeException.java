package io.custodia.crypto.age;

import java.io.IOException;
import java.util.Objects;

/**
 * An age file or key could not be processed safely. The {@link #reason()} says why, so that a
 * caller can tell a wrong key apart from a damaged or attacked file without parsing messages.
 *
 * <p>It is an {@link IOException} so that it travels through {@code InputStream.read} and
 * {@code OutputStream.write}. Messages never contain key material, file keys or plaintext.
 *
 * <p><b>Guarantee:</b> a decrypting stream of this package that has thrown this exception
 * throws it again on every later read; it never reports end-of-stream after a failure, so a
 * failure can't be mistaken for a complete plaintext.
 */
public final class AgeException extends IOException {

  /** Why processing stopped. */
  public enum Reason {
    /** The input is not a syntactically valid age v1 header (or a stanza in it is malformed). */
    MALFORMED_HEADER,
    /** The input is an age file this package does not handle (other version, ASCII armor). */
    UNSUPPORTED_FORMAT,
    /** None of the given identities could unwrap any recipient stanza: wrong key. */
    NO_MATCHING_IDENTITY,
    /** A file key was recovered but the header MAC did not verify: the header was altered. */
    HEADER_MAC_MISMATCH,
    /**
     * A payload chunk did not authenticate: the payload was altered, cut in the middle of a
     * chunk, or has extra bytes glued to a short final chunk. These cases can't be told apart
     * cryptographically.
     */
    PAYLOAD_AUTHENTICATION_FAILED,
    /** The payload ended at a chunk boundary before the final chunk: the file was truncated. */
    TRUNCATED,
    /** Bytes follow the authenticated final chunk. */
    TRAILING_DATA,
    /**
     * The payload authenticates but breaks the format's rules (an empty final chunk after
     * non-empty ones): the file was written by a faulty encoder.
     */
    MALFORMED_PAYLOAD,
    /** A key, recipient or identity file is invalid (bad encoding, bad length, weak point). */
    INVALID_KEY,
    /** The stream was used after close, or after an earlier failure of the underlying sink. */
    ILLEGAL_STATE
  }

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  AgeException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = Objects.requireNonNull(reason);
  }

  AgeException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  /** The category of the failure; never {@code null}. */
  public Reason reason() {
    return reason;
  }
}
