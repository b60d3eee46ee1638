package io.custodia.crypto.age;

import io.custodia.crypto.age.AgeException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Decrypts an age v1 file (binary, X25519 recipients) with one or more identities.
 *
 * <p><b>Guarantees:</b>
 * <ul>
 *   <li>The header is parsed strictly, the file key is unwrapped and the header MAC verified
 *       before this method returns: a wrong key fails here with
 *       {@link Reason#NO_MATCHING_IDENTITY}, a modified header with
 *       {@link Reason#HEADER_MAC_MISMATCH}.
 *   <li>Every byte the stream returns belongs to a chunk that has been authenticated.
 *   <li>The stream returns end-of-stream ({@code -1}) only after the authenticated final chunk
 *       and only if nothing follows it. Truncation, appended bytes and modification raise an
 *       {@link AgeException} instead, and every later read raises it again.
 *   <li>Memory use is bounded (one 64 KiB chunk plus its ciphertext).
 * </ul>
 *
 * <p><b>Misuse risks:</b> plaintext is released chunk by chunk, before the end of the file has
 * been seen. Whoever consumes the stream must treat its output as incomplete and untrusted until
 * reading reaches end-of-stream without an exception: write to a temporary file and move it into
 * place afterwards, or roll back on failure. Closing the stream closes {@code source}. The
 * stream is not thread-safe. Armored ({@code -----BEGIN AGE ENCRYPTED FILE-----}) and
 * passphrase ({@code scrypt}) files are rejected with clear reasons.
 */
public final class AgeDecryptor {

  private AgeDecryptor() {}

  /**
   * Reads and authenticates the header of {@code source} and returns a stream of the plaintext.
   * If this method throws, {@code source} is left open for the caller to close.
   *
   * @param identities identities to try, in order, against every recipient stanza
   * @throws AgeException see {@link AgeException.Reason} for the possible reasons
   */
  public static InputStream decryptingStream(InputStream source, List<AgeIdentity> identities)
      throws IOException {
    Objects.requireNonNull(source, "source");
    List<AgeIdentity> ids = List.copyOf(identities);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("at least one identity is required");
    }
    BufferedInputStream in = new BufferedInputStream(source, 8192);
    AgeHeader header = AgeHeader.read(in);
    byte[] fileKey = header.unwrapFileKey(ids);
    byte[] payloadKey = null;
    try {
      byte[] nonce = in.readNBytes(Stream.PAYLOAD_NONCE_SIZE);
      if (nonce.length != Stream.PAYLOAD_NONCE_SIZE) {
        throw new AgeException(Reason.TRUNCATED,
            "file ends inside the payload nonce: the file was truncated");
      }
      payloadKey = Stream.payloadKey(fileKey, nonce);
      return new Stream.DecryptingInputStream(in, payloadKey);
    } finally {
      Primitives.wipe(fileKey, payloadKey);
    }
  }
}
