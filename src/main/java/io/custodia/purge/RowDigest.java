package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.Utf8;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * SHA-256 over the content of a row stream, independent of the file format and its encoding: each
 * value is written as a type tag and a fixed or length-prefixed encoding, null as its own tag. The
 * rewriter digests the rows it writes and the rows it reads back; equal digests mean the new file
 * holds exactly the surviving rows.
 *
 * <p>A string is its UTF-8 bytes, whether the row holds a {@link String} or the undecoded
 * {@link Utf8} bytes, so both forms of a row digest alike. The encoded values are gathered in a
 * buffer and handed to SHA-256 in large blocks: one digest update per value cost more than the hash.
 */
final class RowDigest {
    private static final int FIXED = 16;
    private final MessageDigest md = Hashes.sha256();
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private final TextSink text = new TextSink();
    private long rows;

    /** Where string bytes go: into the buffer, or straight to SHA-256 when larger than it. */
    private final class TextSink extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > buf.remaining()) {
                drain();
                if (len > buf.remaining()) {
                    md.update(b, off, len);
                    return;
                }
            }
            buf.put(b, off, len);
        }
    }

    void add(Row row) {
        rows++;
        RowSchema schema = row.schema();
        for (int i = 0; i < schema.size(); i++) {
            Object v = row.get(i);
            if (buf.remaining() < FIXED) {
                drain();
            }
            if (v == null) {
                buf.put((byte) 0);
                continue;
            }
            // by the declared type, not the value's class: one switch instead of a chain of type tests
            switch (schema.field(i).type()) {
                case STRING -> {
                    if (v instanceof Utf8 u) {
                        buf.put((byte) 1).putInt(u.length());
                        write(u);
                    } else {
                        byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                        buf.put((byte) 1).putInt(b.length);
                        text.write(b, 0, b.length);
                    }
                }
                case INT -> buf.put((byte) 2).putInt((Integer) v);
                case LONG -> buf.put((byte) 3).putLong((Long) v);
                case DOUBLE -> buf.put((byte) 4).putLong(Double.doubleToLongBits((Double) v));
                case BOOLEAN -> buf.put((byte) 5).put((byte) ((Boolean) v ? 1 : 0));
                case DATE -> buf.put((byte) 6).putLong(((LocalDate) v).toEpochDay());
                case TIMESTAMP -> buf.put((byte) 7).putLong(((Instant) v).getEpochSecond()).putInt(((Instant) v).getNano());
            }
        }
    }

    private void write(Utf8 u) {
        try {
            u.writeTo(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("digest buffer cannot fail", e);
        }
    }

    private void drain() {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    long rows() {
        return rows;
    }

    String hex() {
        drain();
        return HexFormat.of().formatHex(md.digest());
    }
}
