package io.custodia.crypto.age;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encrypts a stream into an age v1 file that any of the given X25519 recipients can decrypt,
 * with this package or with the {@code age}/{@code rage} tools.
 *
 * <p><b>Guarantees:</b> a fresh random 128-bit file key and a fresh random 128-bit payload nonce
 * are made for every stream; callers choose no algorithm, key or nonce. Memory use is bounded
 * (one 64 KiB chunk plus its ciphertext) whatever the length of the plaintext. The payload is
 * authenticated chunk by chunk and its end is marked, so a reader detects modification,
 * reordering, truncation and appended data.
 *
 * <p><b>Misuse risks:</b>
 * <ul>
 *   <li>The file is complete only after {@link OutputStream#close()} returns without exception:
 *       close writes the final chunk. An unclosed stream leaves a file that decryption rejects
 *       as truncated. Close also closes {@code sink}.
 *   <li>{@link OutputStream#flush()} does not write a partially filled chunk.
 *   <li>age has no sender authentication: anyone who knows a recipient can make a file for it.
 *       Decryption proves the file is intact, not who wrote it.
 *   <li>The returned stream is not thread-safe.
 * </ul>
 */
public final class AgeEncryptor {

  private AgeEncryptor() {}

  /**
   * Writes the age header and payload nonce to {@code sink} now, and returns a stream that
   * encrypts what is written to it into {@code sink}.
   *
   * @param recipients one or more recipients, each of whom can decrypt independently
   * @throws IllegalArgumentException if {@code recipients} is empty
   * @throws AgeException {@link AgeException.Reason#INVALID_KEY} for a low-order recipient key
   */
  public static OutputStream encryptingStream(OutputStream sink, List<AgeRecipient> recipients)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    List<AgeRecipient> rs = List.copyOf(recipients);
    if (rs.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient is required");
    }
    SecureRandom random = Primitives.random();
    byte[] fileKey = new byte[Primitives.FILE_KEY_SIZE];
    byte[] payloadKey = null;
    try {
      random.nextBytes(fileKey);
      List<Stanza> stanzas = new ArrayList<>(rs.size());
      for (AgeRecipient r : rs) {
        stanzas.add(r.wrap(fileKey, random));
      }
      AgeHeader header = AgeHeader.seal(stanzas, fileKey);
      byte[] nonce = new byte[Stream.PAYLOAD_NONCE_SIZE];
      random.nextBytes(nonce);
      payloadKey = Stream.payloadKey(fileKey, nonce);
      header.writeTo(sink);
      sink.write(nonce);
      return new Stream.EncryptingOutputStream(sink, payloadKey);
    } finally {
      Primitives.wipe(fileKey, payloadKey);
    }
  }
}
