package io.custodia.crypto.age;

import io.custodia.crypto.age.AgeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The text header of an age v1 file: the version line, the recipient stanzas and the header
 * MAC, exactly as they appear on disk.
 *
 * <p>Use it to learn where the header ends without any key: {@link #read(InputStream)} consumes
 * exactly the header bytes and {@link #length()} says how many there were. Byte {@code length()}
 * of the file is the first byte of the payload (its 16-byte nonce, then the encrypted chunks).
 *
 * <p><b>Guarantees:</b> parsing is strict (the grammar of the C2SP age specification, canonical
 * unpadded base64, body lines of exactly 64 columns ending in a shorter line), so a header has
 * one encoding only. The header is limited to {@value #MAX_LENGTH} bytes.
 *
 * <p><b>What it does not guarantee:</b> a header that parses is not authenticated. Its MAC can
 * only be checked with the file key, which {@link AgeDecryptor} and {@link AgeRewrap} do; nothing
 * read here should be trusted before that.
 *
 * <p><b>Cryptographic erase:</b> every copy of the wrapped file key lives in the header, so
 * overwriting bytes {@code [0, length())} of a file makes its payload undecryptable for anyone
 * who did not keep the file key or a plaintext copy. That only holds if the overwrite really
 * reaches the storage: copy-on-write and log-structured file systems, snapshots, backups and SSD
 * wear levelling can all keep the old header bytes.
 */
public final class AgeHeader {

  /** Upper bound on the header size accepted when parsing, against memory exhaustion. */
  public static final int MAX_LENGTH = 1 << 20;

  static final String INTRO = "age-encryption.org/v1";
  private static final String VERSION_PREFIX = "age-encryption.org/";
  private static final String ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  private static final int COLUMNS = 64;
  private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;
  private static final int MAC_SIZE = 32;

  private final List<Stanza> stanzas;
  private final byte[] encoded;
  private final int macInputLength;
  private final byte[] mac;

  private AgeHeader(List<Stanza> stanzas, byte[] encoded, int macInputLength, byte[] mac) {
    this.stanzas = List.copyOf(stanzas);
    this.encoded = encoded;
    this.macInputLength = macInputLength;
    this.mac = mac;
  }

  /**
   * Parses a header from {@code in}, consuming exactly the header bytes (it reads one byte at a
   * time, so wrap an unbuffered source in a {@link java.io.BufferedInputStream} and keep using
   * that same buffered stream for the payload).
   *
   * @throws AgeException {@link Reason#MALFORMED_HEADER} or {@link Reason#UNSUPPORTED_FORMAT}
   */
  public static AgeHeader read(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    LineReader r = new LineReader(in);
    String intro = r.firstLine();
    if (!intro.equals(INTRO)) {
      if (intro.startsWith(VERSION_PREFIX)
          && Stanza.isValidArgument(intro.substring(VERSION_PREFIX.length()))) {
        throw new AgeException(Reason.UNSUPPORTED_FORMAT, "unsupported age format version");
      }
      if (intro.equals(ARMOR_BEGIN)) {
        throw new AgeException(Reason.UNSUPPORTED_FORMAT,
            "ASCII-armored age files are not supported; decode the armor first");
      }
      throw new AgeException(Reason.MALFORMED_HEADER, intro.startsWith(INTRO)
          ? "bad first line (were line endings converted?)" : "not an age file (bad first line)");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      int lineStart = r.size();
      String line = r.line();
      if (line.startsWith("---")) {
        String[] parts = line.split(" ", -1);
        if (!parts[0].equals("---") || parts.length != 2) {
          throw new AgeException(Reason.MALFORMED_HEADER, "malformed header MAC line");
        }
        byte[] mac = Primitives.unb64(parts[1]);
        if (mac == null || mac.length != MAC_SIZE) {
          throw new AgeException(Reason.MALFORMED_HEADER, "malformed header MAC");
        }
        if (stanzas.isEmpty()) {
          throw new AgeException(Reason.MALFORMED_HEADER, "header has no recipient stanzas");
        }
        return new AgeHeader(stanzas, r.bytes(), lineStart + 3, mac);
      }
      if (!line.startsWith("->")) {
        throw new AgeException(Reason.MALFORMED_HEADER, "unexpected line in header");
      }
      String[] parts = line.split(" ", -1);
      if (!parts[0].equals("->") || parts.length < 2) {
        throw new AgeException(Reason.MALFORMED_HEADER, "malformed stanza line");
      }
      for (int i = 1; i < parts.length; i++) {
        if (!Stanza.isValidArgument(parts[i])) {
          throw new AgeException(Reason.MALFORMED_HEADER, "malformed stanza argument");
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String bodyLine = r.line();
        byte[] chunk = Primitives.unb64(bodyLine);
        if (chunk == null) {
          if (bodyLine.startsWith("->") || bodyLine.startsWith("---")) {
            throw new AgeException(Reason.MALFORMED_HEADER,
                "stanza body did not end with a short line");
          }
          throw new AgeException(Reason.MALFORMED_HEADER, "malformed stanza body line");
        }
        if (chunk.length > BYTES_PER_LINE) {
          throw new AgeException(Reason.MALFORMED_HEADER, "stanza body line longer than 64");
        }
        body.writeBytes(chunk);
        if (chunk.length < BYTES_PER_LINE) {
          break;
        }
      }
      stanzas.add(new Stanza(parts[1], Arrays.asList(parts).subList(2, parts.length),
          body.toByteArray()));
    }
  }

  /** Builds and MACs a header for {@code stanzas} under {@code fileKey}. */
  static AgeHeader seal(List<Stanza> stanzas, byte[] fileKey) {
    if (stanzas.isEmpty()) {
      throw new IllegalArgumentException("at least one stanza is required");
    }
    StringBuilder sb = new StringBuilder(256).append(INTRO).append('\n');
    for (Stanza s : stanzas) {
      sb.append("-> ").append(s.type());
      for (String a : s.args()) {
        sb.append(' ').append(a);
      }
      sb.append('\n');
      String b = Primitives.b64(s.body());
      for (int i = 0; i < b.length(); i += COLUMNS) {
        sb.append(b, i, Math.min(b.length(), i + COLUMNS)).append('\n');
      }
      if (b.length() % COLUMNS == 0) {
        sb.append('\n'); // the final body line is always shorter than 64 columns, maybe empty
      }
    }
    sb.append("---");
    byte[] macInput = Primitives.ascii(sb.toString());
    byte[] mac = computeMac(fileKey, macInput, macInput.length);
    sb.append(' ').append(Primitives.b64(mac)).append('\n');
    return new AgeHeader(stanzas, Primitives.ascii(sb.toString()), macInput.length, mac);
  }

  private static byte[] computeMac(byte[] fileKey, byte[] data, int len) {
    byte[] macKey = Primitives.hkdf(fileKey, new byte[0], "header", Primitives.KEY_SIZE);
    try {
      return Primitives.hmacSha256(macKey, data, 0, len);
    } finally {
      Primitives.wipe(macKey);
    }
  }

  /**
   * Finds the file key with the first identity that unwraps a stanza, then verifies the header
   * MAC with it. The returned array belongs to the caller, who should wipe it.
   */
  byte[] unwrapFileKey(List<AgeIdentity> identities) throws AgeException {
    boolean scrypt = false;
    for (Stanza s : stanzas) {
      if (s.type().equals("scrypt")) {
        if (stanzas.size() != 1) {
          throw new AgeException(Reason.MALFORMED_HEADER,
              "an scrypt stanza must be the only stanza of a header");
        }
        scrypt = true;
      }
    }
    for (Stanza s : stanzas) {
      for (AgeIdentity id : identities) {
        byte[] fileKey = id.unwrap(s);
        if (fileKey != null) {
          verifyMac(fileKey);
          return fileKey;
        }
      }
    }
    throw new AgeException(Reason.NO_MATCHING_IDENTITY,
        "no identity matched any recipient stanza (" + stanzas.size() + " stanza(s) of type "
            + stanzaTypes() + ", " + identities.size() + " identit"
            + (identities.size() == 1 ? "y" : "ies") + " tried)"
            + (scrypt ? "; the file is passphrase-encrypted, which is not supported" : ""));
  }

  private void verifyMac(byte[] fileKey) throws AgeException {
    byte[] expected = computeMac(fileKey, encoded, macInputLength);
    if (!MessageDigest.isEqual(expected, mac)) {
      Primitives.wipe(fileKey);
      throw new AgeException(Reason.HEADER_MAC_MISMATCH,
          "header MAC does not verify: the header was modified after encryption");
    }
  }

  List<Stanza> stanzas() {
    return stanzas;
  }

  /** Number of bytes the header occupies at the start of the file, MAC line included. */
  public int length() {
    return encoded.length;
  }

  /** How many recipient stanzas the header carries (including ones this package can't use). */
  public int stanzaCount() {
    return stanzas.size();
  }

  /** The stanza types in order, e.g. {@code [X25519, X25519]}. Not authenticated. */
  public List<String> stanzaTypes() {
    return stanzas.stream().map(Stanza::type).toList();
  }

  /** A copy of the exact header bytes. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Writes the exact header bytes. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(encoded);
  }

  @Override
  public String toString() {
    return "AgeHeader[" + encoded.length + " bytes, stanzas " + stanzaTypes() + "]";
  }

  /** Reads LF-terminated lines one byte at a time, keeping every byte read. */
  private static final class LineReader {
    private final InputStream in;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream(512);

    LineReader(InputStream in) {
      this.in = in;
    }

    int size() {
      return all.size();
    }

    byte[] bytes() {
      return all.toByteArray();
    }

    String firstLine() throws IOException {
      // the intro is short: don't read a whole binary file looking for a newline
      return readUntilNewline(64, true);
    }

    String line() throws IOException {
      return readUntilNewline(MAX_LENGTH, false);
    }

    private String readUntilNewline(int maxLineLength, boolean first) throws IOException {
      StringBuilder line = new StringBuilder(80);
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (all.size() == 0) {
            throw new AgeException(Reason.MALFORMED_HEADER, "not an age file (empty input)");
          }
          throw new AgeException(Reason.MALFORMED_HEADER, first
              ? "not an age file (bad first line)" : "input ended inside the header",
              new EOFException());
        }
        all.write(b);
        if (b == '\n') {
          return line.toString();
        }
        line.append((char) b); // ISO-8859-1: one char per byte, validated by the parser
        if (line.length() > maxLineLength) {
          throw new AgeException(Reason.MALFORMED_HEADER, first
              ? "not an age file (bad first line)" : "header line too long");
        }
        if (all.size() > MAX_LENGTH) {
          throw new AgeException(Reason.MALFORMED_HEADER,
              "header longer than " + MAX_LENGTH + " bytes");
        }
      }
    }
  }
}
