package io.custodia.crypto.age;

import io.custodia.crypto.age.AgeException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The age payload: STREAM over ChaCha20-Poly1305 with 64 KiB plaintext chunks and a 12-byte
 * nonce made of an 11-byte big-endian chunk counter and a final-chunk flag byte.
 */
final class Stream {

  static final int CHUNK_SIZE = 64 * 1024;
  static final int ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + Primitives.TAG_SIZE;
  static final int PAYLOAD_NONCE_SIZE = 16;

  private Stream() {}

  static byte[] payloadKey(byte[] fileKey, byte[] payloadNonce) {
    return Primitives.hkdf(fileKey, payloadNonce, "payload", Primitives.KEY_SIZE);
  }

  private static IvParameterSpec nonce(long counter, boolean last) {
    byte[] n = new byte[Primitives.NONCE_SIZE];
    for (int i = 0; i < 8; i++) {
      n[10 - i] = (byte) (counter >>> (8 * i));
    }
    n[11] = (byte) (last ? 1 : 0);
    return new IvParameterSpec(n);
  }

  /** Encrypts to {@code sink}; the final chunk is written by {@link #close()}. */
  static final class EncryptingOutputStream extends OutputStream {
    private final OutputStream sink;
    private final Cipher cipher = Primitives.newChaCha();
    private final SecretKeySpec key;
    private final byte[] keyBytes;
    private final byte[] buffer = new byte[CHUNK_SIZE];
    private final byte[] encrypted = new byte[ENCRYPTED_CHUNK_SIZE];
    private int buffered;
    private long counter;
    private boolean closed;
    private IOException failure;

    EncryptingOutputStream(OutputStream sink, byte[] payloadKey) {
      this.sink = sink;
      this.keyBytes = payloadKey.clone();
      this.key = Primitives.chachaKey(keyBytes);
    }

    private void ensureUsable() throws IOException {
      if (closed) {
        throw new AgeException(Reason.ILLEGAL_STATE, "encrypting stream is closed");
      }
      if (failure != null) {
        throw new AgeException(Reason.ILLEGAL_STATE,
            "encrypting stream failed earlier; its output is incomplete", failure);
      }
    }

    @Override
    public void write(int b) throws IOException {
      ensureUsable();
      if (buffered == CHUNK_SIZE) {
        sealChunk(false);
      }
      buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      ensureUsable();
      while (len > 0) {
        if (buffered == CHUNK_SIZE) {
          // more data follows, so the buffered chunk is not the last one
          sealChunk(false);
        }
        int n = Math.min(len, CHUNK_SIZE - buffered);
        System.arraycopy(b, off, buffer, buffered, n);
        buffered += n;
        off += n;
        len -= n;
      }
    }

    private void sealChunk(boolean last) throws IOException {
      if (counter == Long.MAX_VALUE) {
        throw new AgeException(Reason.ILLEGAL_STATE, "payload too large");
      }
      int n;
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, nonce(counter, last));
        n = cipher.doFinal(buffer, 0, buffered, encrypted, 0);
      } catch (GeneralSecurityException e) {
        failure = new IOException("ChaCha20-Poly1305 failed", e);
        throw failure;
      }
      try {
        sink.write(encrypted, 0, n);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      counter++;
      buffered = 0;
    }

    /**
     * Flushes the sink. Buffered plaintext of the current chunk stays buffered: chunks are only
     * written once they are full or the stream is closed.
     */
    @Override
    public void flush() throws IOException {
      ensureUsable();
      sink.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (sink) {
        if (failure == null) {
          sealChunk(true);
        }
      } finally {
        Primitives.wipe(buffer, encrypted, keyBytes);
      }
    }
  }

  /** Decrypts and authenticates chunk by chunk; never reports EOF without the final chunk. */
  static final class DecryptingInputStream extends InputStream {
    private final InputStream source;
    private final Cipher cipher = Primitives.newChaCha();
    private final SecretKeySpec key;
    private final byte[] keyBytes;
    private final byte[] encrypted = new byte[ENCRYPTED_CHUNK_SIZE];
    private final byte[] plain = new byte[CHUNK_SIZE];
    private int pos;
    private int limit;
    private int lookahead = -1;
    private long counter;
    private boolean lastSeen;
    private boolean closed;
    private IOException failure;

    DecryptingInputStream(InputStream source, byte[] payloadKey) {
      this.source = source;
      this.keyBytes = payloadKey.clone();
      this.key = Primitives.chachaKey(keyBytes);
    }

    @Override
    public int read() throws IOException {
      if (pos < limit && !closed && failure == null) {
        return plain[pos++] & 0xff;
      }
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new AgeException(Reason.ILLEGAL_STATE, "decrypting stream is closed");
      }
      if (failure != null) {
        throw failure;
      }
      if (len == 0) {
        return 0;
      }
      while (pos == limit) {
        if (lastSeen) {
          return -1;
        }
        try {
          nextChunk();
        } catch (IOException e) {
          failure = e;
          throw e;
        }
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return closed || failure != null ? 0 : limit - pos;
    }

    private void nextChunk() throws IOException {
      int n = 0;
      if (lookahead >= 0) {
        encrypted[n++] = (byte) lookahead;
        lookahead = -1;
      }
      n += source.readNBytes(encrypted, n, ENCRYPTED_CHUNK_SIZE - n);
      if (n == ENCRYPTED_CHUNK_SIZE) {
        int next = source.read();
        if (next >= 0) {
          lookahead = next;
          if (open(n, false)) {
            return;
          }
          if (open(n, true)) {
            throw new AgeException(Reason.TRAILING_DATA,
                "data follows the final chunk (chunk " + (counter - 1) + ")");
          }
          throw authFailed();
        }
        if (open(n, true)) {
          return;
        }
        if (open(n, false)) {
          throw new AgeException(Reason.TRUNCATED, "payload ends after chunk " + (counter - 1)
              + ", which is not the final chunk: the file was truncated");
        }
        throw authFailed();
      }
      if (n == 0) {
        throw new AgeException(Reason.TRUNCATED, counter == 0
            ? "payload has no chunks: the file was truncated"
            : "payload ends after chunk " + (counter - 1)
                + ", which is not the final chunk: the file was truncated");
      }
      if (n < Primitives.TAG_SIZE) {
        throw new AgeException(Reason.TRUNCATED,
            "payload ends inside chunk " + counter + ": the file was truncated");
      }
      if (!open(n, true)) {
        throw authFailed();
      }
    }

    private AgeException authFailed() {
      return new AgeException(Reason.PAYLOAD_AUTHENTICATION_FAILED, "payload chunk " + counter
          + " failed authentication: the file was modified, truncated inside a chunk, or has"
          + " bytes appended");
    }

    /** Tries to open {@code encrypted[0, n)} as chunk {@code counter}; on success exposes it. */
    private boolean open(int n, boolean last) throws IOException {
      int produced;
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, nonce(counter, last));
        produced = cipher.doFinal(encrypted, 0, n, plain, 0);
      } catch (AEADBadTagException e) {
        return false;
      } catch (GeneralSecurityException e) {
        throw new IOException("ChaCha20-Poly1305 failed", e);
      }
      if (last && produced == 0 && counter > 0) {
        throw new AgeException(Reason.MALFORMED_PAYLOAD,
            "final chunk is empty but is not the only chunk (not allowed by age v1)");
      }
      counter++;
      pos = 0;
      limit = produced;
      lastSeen = last;
      return true;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      pos = limit = 0;
      Primitives.wipe(plain, keyBytes);
      source.close();
    }
  }
}
