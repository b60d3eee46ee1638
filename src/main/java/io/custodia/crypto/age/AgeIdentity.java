package io.custodia.crypto.age;

import io.custodia.crypto.age.AgeException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age X25519 identity: the secret key that decrypts files encrypted to its
 * {@link #recipient()}. Its text form is {@code AGE-SECRET-KEY-1...}, and its file format is
 * the one {@code age-keygen} writes, so keys move freely between this package and the age tools.
 *
 * <p><b>Guarantees:</b> {@link #toString()} never shows the secret (only the public recipient),
 * and no method of this package logs it or puts it into an exception message.
 * {@link #writeFile(Path)} creates the key file with permissions {@code 0600} from the first
 * instant (it never exists with wider permissions), refuses to overwrite an existing file, and
 * fsyncs it.
 *
 * <p><b>Misuse risks:</b> the only way to get the secret out is
 * {@link #revealSecretKeyUnsafe()}, named so that every use can be found by searching for
 * "Unsafe"; whatever it returns must never reach a log, a manifest, an exception or a URL.
 * Java cannot reliably erase strings, so key text read from files may linger in the heap until
 * collected. {@link #readFile(Path)} does not check the permissions of the file it reads.
 */
public final class AgeIdentity {

  static final String HRP = "age-secret-key-";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  private final byte[] secretKey;
  private final AgeRecipient recipient;

  private AgeIdentity(byte[] secretKey) {
    if (secretKey.length != X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException("an X25519 secret key has 32 bytes");
    }
    this.secretKey = secretKey.clone();
    byte[] pub = new byte[X25519.POINT_SIZE];
    X25519.scalarMultBase(this.secretKey, 0, pub, 0);
    this.recipient = AgeRecipient.fromPublicKeyBytes(pub);
  }

  /** Generates a fresh identity from the platform's default {@link SecureRandom}. */
  public static AgeIdentity generate() {
    return generate(Primitives.random());
  }

  /** Generates a fresh identity from {@code random}, which must be a CSPRNG. */
  public static AgeIdentity generate(SecureRandom random) {
    byte[] k = new byte[X25519.SCALAR_SIZE];
    try {
      Objects.requireNonNull(random, "random").nextBytes(k);
      return new AgeIdentity(k);
    } finally {
      Primitives.wipe(k);
    }
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-1...} string (age writes it uppercase; all-lowercase is
   * accepted as well, mixed case is not).
   *
   * @throws IllegalArgumentException if it is not a valid age X25519 secret key; the message
   *     never contains the input
   */
  public static AgeIdentity parse(String s) {
    Objects.requireNonNull(s, "identity");
    Bech32.Decoded d;
    try {
      d = Bech32.decode(s.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed age secret key: " + e.getMessage());
    }
    try {
      if (!d.hrp().equals(HRP)) {
        throw new IllegalArgumentException(
            "not an age X25519 secret key (expected prefix AGE-SECRET-KEY-1)");
      }
      if (d.data().length != X25519.SCALAR_SIZE) {
        throw new IllegalArgumentException("malformed age secret key: wrong key length");
      }
      return new AgeIdentity(d.data());
    } finally {
      Primitives.wipe(d.data());
    }
  }

  /**
   * Reads the only identity of an identity file in {@code age-keygen} format: {@code #}
   * comment lines and blank lines are ignored, every other line must be a secret key.
   *
   * @throws AgeException {@link Reason#INVALID_KEY} if a line is not a valid X25519 secret key,
   *     or the file holds no identity or more than one (use {@link #readAll(Path)} then)
   */
  public static AgeIdentity readFile(Path file) throws IOException {
    List<AgeIdentity> all = readAll(file);
    if (all.size() != 1) {
      throw new AgeException(Reason.INVALID_KEY, "identity file " + file + " holds "
          + all.size() + " identities where exactly one was expected");
    }
    return all.getFirst();
  }

  /**
   * Reads every identity of an identity file in {@code age-keygen} format (at least one).
   *
   * @throws AgeException {@link Reason#INVALID_KEY} if a line is not a valid X25519 secret key
   *     (the message names the line number, never its content) or there is no identity
   */
  public static List<AgeIdentity> readAll(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    try {
      String text = new String(raw, StandardCharsets.UTF_8);
      List<AgeIdentity> out = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.regionMatches(true, 0, "AGE-PLUGIN-", 0, 11)) {
          throw new AgeException(Reason.INVALID_KEY, "identity file " + file + " line "
              + (i + 1) + ": age plugin identities are not supported");
        }
        try {
          out.add(parse(line));
        } catch (IllegalArgumentException e) {
          throw new AgeException(Reason.INVALID_KEY,
              "identity file " + file + " line " + (i + 1) + ": " + e.getMessage());
        }
      }
      if (out.isEmpty()) {
        throw new AgeException(Reason.INVALID_KEY, "identity file " + file + " holds no identity");
      }
      return List.copyOf(out);
    } finally {
      Primitives.wipe(raw);
    }
  }

  /** The public recipient that files for this identity are encrypted to. */
  public AgeRecipient recipient() {
    return recipient;
  }

  /**
   * Writes this identity to a new file in {@code age-keygen} format ({@code # created:},
   * {@code # public key:}, then the secret key line). The file is created with permissions
   * {@code 0600} atomically, so it is never readable by others, and it is fsynced.
   *
   * @throws FileAlreadyExistsException if {@code file} exists (keys are never overwritten)
   * @throws IOException if the file system can't hold POSIX permissions, or on I/O failure
   */
  public void writeFile(Path file) throws IOException {
    writeFile(file, Clock.systemUTC());
  }

  void writeFile(Path file, Clock clock) throws IOException {
    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    String created = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
    byte[] content = ("# created: " + created + "\n# public key: " + recipient + "\n"
        + revealSecretKeyUnsafe() + "\n").getBytes(StandardCharsets.US_ASCII);
    FileChannel ch;
    try {
      ch = FileChannel.open(file,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attr);
    } catch (UnsupportedOperationException e) {
      throw new IOException("cannot create " + file
          + " with owner-only POSIX permissions; refusing to write a secret key there", e);
    }
    boolean ok = false;
    try (ch) {
      // a restrictive umask can only remove bits; put back exactly rw------- for the owner
      if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      ok = true;
    } finally {
      Primitives.wipe(content);
      if (!ok) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The secret key as {@code AGE-SECRET-KEY-1...}. <b>Unsafe:</b> whoever sees this string can
   * decrypt every file encrypted to this identity. Never log it, put it in an exception or a
   * manifest, or pass it on a command line (other users can read process arguments).
   */
  public String revealSecretKeyUnsafe() {
    return Bech32.encode(HRP, secretKey).toUpperCase(Locale.ROOT);
  }

  /**
   * Unwraps the file key from an X25519 stanza addressed to this identity.
   *
   * @return the 16-byte file key, or {@code null} if the stanza is not an X25519 stanza or was
   *     made for another recipient
   * @throws AgeException {@link Reason#MALFORMED_HEADER} if the X25519 stanza is malformed
   */
  byte[] unwrap(Stanza stanza) throws AgeException {
    if (!stanza.type().equals(AgeRecipient.STANZA_TYPE)) {
      return null;
    }
    if (stanza.args().size() != 1) {
      throw new AgeException(Reason.MALFORMED_HEADER, "X25519 stanza must have one argument");
    }
    byte[] share = Primitives.unb64(stanza.args().getFirst());
    if (share == null || share.length != X25519.POINT_SIZE) {
      throw new AgeException(Reason.MALFORMED_HEADER, "X25519 stanza has a malformed share");
    }
    if (stanza.bodyLength() != Primitives.FILE_KEY_SIZE + Primitives.TAG_SIZE) {
      throw new AgeException(Reason.MALFORMED_HEADER, "X25519 stanza body has the wrong size");
    }
    byte[] shared = new byte[X25519.POINT_SIZE];
    byte[] wrapKey = null;
    try {
      if (!X25519.calculateAgreement(secretKey, 0, share, 0, shared, 0)) {
        throw new AgeException(Reason.MALFORMED_HEADER,
            "X25519 stanza has a low-order share (all-zero shared secret)");
      }
      byte[] pub = recipient.publicKeyBytes();
      wrapKey = Primitives.hkdf(shared, AgeRecipient.salt(share, pub), AgeRecipient.WRAP_INFO,
          Primitives.KEY_SIZE);
      return Primitives.openZeroNonce(wrapKey, stanza.body());
    } finally {
      Primitives.wipe(shared, wrapKey);
    }
  }

  /** Shows the public recipient only; the secret key is never part of it. */
  @Override
  public String toString() {
    return "AgeIdentity[recipient=" + recipient + ", secret key redacted]";
  }
}
