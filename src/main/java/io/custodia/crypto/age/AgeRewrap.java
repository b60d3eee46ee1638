package io.custodia.crypto.age;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Re-addresses an age file to new recipients without decrypting its payload: the file key is
 * unwrapped with an old identity, wrapped again for the new recipients under a new header MAC,
 * and the payload bytes (nonce and chunks) are copied unchanged.
 *
 * <p><b>Guarantees:</b> the old header is authenticated (MAC verified) before anything is
 * written. The new file decrypts, with any new recipient's identity, to exactly the old
 * plaintext, and the old identity can no longer open the new file unless it is itself one of
 * the new recipients. Cost is one header, independent of the file size.
 *
 * <p><b>Misuse risks:</b>
 * <ul>
 *   <li>This is <em>not</em> a defence against a compromised old key: the file key and payload
 *       are unchanged, so anyone who ever unwrapped the file key (with the old identity, from
 *       an old copy of the file) can still decrypt the new file. To cut off a compromised key,
 *       decrypt and re-encrypt instead.
 *   <li>The payload is copied, not authenticated: a damaged payload stays damaged and is only
 *       detected when the new file is decrypted.
 *   <li>Old copies of the file (backups, snapshots, the original if it is not destroyed) still
 *       open with the old identity.
 * </ul>
 */
public final class AgeRewrap {

  private AgeRewrap() {}

  /**
   * Reads an age file from {@code in} and writes the rewrapped file to {@code out}. Neither
   * stream is closed; {@code out} is flushed.
   *
   * @return the new header, whose {@link AgeHeader#length()} is where the payload starts in
   *     {@code out}
   * @throws AgeException {@link AgeException.Reason#NO_MATCHING_IDENTITY} if
   *     {@code oldIdentity} can't open the file, {@link AgeException.Reason#HEADER_MAC_MISMATCH}
   *     if the header was modified, or a header parsing reason
   */
  public static AgeHeader rewrap(InputStream in, OutputStream out, AgeIdentity oldIdentity,
      List<AgeRecipient> newRecipients) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(oldIdentity, "oldIdentity");
    List<AgeRecipient> rs = List.copyOf(newRecipients);
    if (rs.isEmpty()) {
      throw new IllegalArgumentException("at least one new recipient is required");
    }
    BufferedInputStream bin = new BufferedInputStream(in, 64 * 1024);
    AgeHeader oldHeader = AgeHeader.read(bin);
    byte[] fileKey = oldHeader.unwrapFileKey(List.of(oldIdentity));
    AgeHeader newHeader;
    try {
      List<Stanza> stanzas = new ArrayList<>(rs.size());
      for (AgeRecipient r : rs) {
        stanzas.add(r.wrap(fileKey, Primitives.random()));
      }
      newHeader = AgeHeader.seal(stanzas, fileKey);
    } finally {
      Primitives.wipe(fileKey);
    }
    newHeader.writeTo(out);
    bin.transferTo(out);
    out.flush();
    return newHeader;
  }
}
