package io.custodia.crypto.pseudo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * The one secret from which every pseudonymization and FPE key is derived: 32 uniformly random
 * bytes (256 bits).
 *
 * <p><b>Guarantees.</b> {@link #generate()} draws from {@link SecureRandom}. {@link
 * #writeFile(Path)} creates a new file that is owner-read/write only ({@code 0600}) from the moment
 * it exists: the permissions are given to the {@code open(2)} that creates it, not set afterwards,
 * so there is no window in which another user could open it. It never overwrites an existing file
 * (a lost master key makes every pseudonym ever issued unlinkable, and a replaced one silently
 * changes them all). {@link #toString()} shows only a {@linkplain #fingerprint() fingerprint}.
 *
 * <p><b>Misuse risks.</b> Anyone holding this key can recompute every pseudonym and decrypt every
 * FPE value of every recipient. Keep it out of logs, job parameters and repositories; give it to
 * {@link KeyDerivation} and nothing else. The bytes are deliberately not reachable from outside this
 * package; the only way out is {@link #writeFile}.
 */
public final class MasterKey {

  /** Length of a master key in bytes. */
  public static final int LENGTH = 32;

  /** How {@link #writeFile(Path, Encoding)} stores the key. {@link #readFile} accepts both. */
  public enum Encoding {
    /** 64 lowercase hex characters and a newline (65 bytes); easy to paste into a secret store. */
    HEX,
    /** The 32 key bytes as they are. */
    RAW
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private MasterKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a master key is " + LENGTH + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** A new random master key. */
  public static MasterKey generate() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    MasterKey k = new MasterKey(b);
    Arrays.fill(b, (byte) 0);
    return k;
  }

  /**
   * Reads a key written by {@link #writeFile}: a file of exactly 32 bytes is taken as raw key
   * bytes; anything else must be 64 hex characters (either case), optionally surrounded by ASCII
   * whitespace such as a trailing newline. The message of a rejected file names its length, never
   * its content. File permissions are not checked (secret mounts are often {@code 0444}).
   */
  public static MasterKey readFile(Path path) throws IOException {
    byte[] content = Files.readAllBytes(path);
    try {
      if (content.length == LENGTH) {
        return new MasterKey(content);
      }
      String text = new String(content, StandardCharsets.US_ASCII).strip();
      if (text.length() != 2 * LENGTH) {
        throw new IllegalArgumentException(
            "master key file "
                + path
                + " must hold "
                + LENGTH
                + " raw bytes or "
                + 2 * LENGTH
                + " hex characters; it holds "
                + content.length
                + " bytes");
      }
      byte[] decoded;
      try {
        decoded = HEX.parseHex(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "master key file " + path + " holds 64 characters that are not all hex digits");
      }
      try {
        return new MasterKey(decoded);
      } finally {
        Arrays.fill(decoded, (byte) 0);
      }
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /** Writes the key as {@linkplain Encoding#HEX hex}; see {@link #writeFile(Path, Encoding)}. */
  public void writeFile(Path path) throws IOException {
    writeFile(path, Encoding.HEX);
  }

  /**
   * Creates {@code path} with POSIX permissions {@code 0600} given at creation (the umask can only
   * remove bits) and writes the key into it, forcing it to disk.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the file exists; it is left untouched
   * @throws UnsupportedOperationException if the file system has no POSIX permissions, rather
   *     than create a key file whose access cannot be restricted
   */
  public void writeFile(Path path, Encoding encoding) throws IOException {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      throw new UnsupportedOperationException(
          "refusing to write a master key on a file system without POSIX permissions: " + path);
    }
    byte[] out =
        switch (encoding) {
          case RAW -> bytes.clone();
          case HEX -> (HEX.formatHex(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
        };
    boolean created = false;
    try (SeekableByteChannel ch =
        Files.newByteChannel(
            path,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      created = true;
      ByteBuffer buf = ByteBuffer.wrap(out);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (ch instanceof java.nio.channels.FileChannel fc) {
        fc.force(true);
      }
    } catch (IOException | RuntimeException e) {
      if (created) {
        Files.deleteIfExists(path);
      }
      throw e;
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }

  /**
   * A 16-hex-character fingerprint that identifies this key in logs and run reports without
   * revealing anything about it: the first 64 bits of HMAC-SHA-256 keyed with the master key over
   * a fixed label. Two runs that print the same fingerprint used the same master key.
   */
  public String fingerprint() {
    byte[] mac =
        HmacSha256.compute(
            bytes, "custodia/pseudo/master-key-fingerprint/v1".getBytes(StandardCharsets.US_ASCII));
    return HEX.formatHex(mac, 0, 8);
  }

  /** Package-private on purpose: the bytes go to {@link KeyDerivation} and nowhere else. */
  byte[] bytes() {
    return bytes.clone();
  }

  /** Shows the fingerprint, never the key bytes. */
  @Override
  public String toString() {
    return "MasterKey[fingerprint=" + fingerprint() + "]";
  }
}
