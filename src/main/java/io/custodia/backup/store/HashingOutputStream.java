package io.custodia.backup.store;

import io.custodia.crypto.Hashes;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and SHA-256-hashes every byte on its way to the wrapped stream. */
public final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Hashes.sha256();
    private long count;

    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    public long count() {
        return count;
    }

    /** The hex SHA-256 of everything written; call once, after the last write. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
