package io.custodia.purge;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.Hashes;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * The buffer is a plain array written through big-endian array views, not a ByteBuffer, which
 * checks its bounds and moves its position on every put.
 */
final class RowDigest {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The most one value takes before its text: a timestamp's tag, seconds and nanos. */
    private static final int FIXED = 16;
    private final MessageDigest md = Hashes.sha256();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final TextSink text = new TextSink();
    private RowSchema schema;
    private ColumnType[] types;
    private long rows;

    void add(Row row) {
        rows++;
        ColumnType[] types = typesOf(row.schema());
        byte[] buf = this.buf;
        int p = pos;
        for (int i = 0; i < types.length; i++) {
            Object v = row.get(i);
            if (buf.length - p < FIXED) {
                pos = p;
                drain();
                p = 0;
            }
            if (v == null) {
                buf[p++] = 0;
                continue;
            }
            // by the declared type, not the value's class: one switch instead of a chain of type tests
            switch (types[i]) {
                case STRING -> {
                    buf[p] = 1;
                    pos = p + 5; // the text goes after the length, and may drain the buffer
                    if (v instanceof Utf8 u) {
                        INT.set(buf, p + 1, u.length());
                        text(u);
                    } else {
                        byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                        INT.set(buf, p + 1, b.length);
                        text.write(b, 0, b.length);
                    }
                    p = pos;
                }
                case INT -> {
                    buf[p] = 2;
                    INT.set(buf, p + 1, (int) (Integer) v);
                    p += 5;
                }
                case LONG -> {
                    buf[p] = 3;
                    LONG.set(buf, p + 1, (long) (Long) v);
                    p += 9;
                }
                case DOUBLE -> {
                    buf[p] = 4;
                    LONG.set(buf, p + 1, Double.doubleToLongBits((Double) v));
                    p += 9;
                }
                case BOOLEAN -> {
                    buf[p] = 5;
                    buf[p + 1] = (byte) ((Boolean) v ? 1 : 0);
                    p += 2;
                }
                case DATE -> {
                    buf[p] = 6;
                    LONG.set(buf, p + 1, ((LocalDate) v).toEpochDay());
                    p += 9;
                }
                case TIMESTAMP -> {
                    Instant t = (Instant) v;
                    buf[p] = 7;
                    LONG.set(buf, p + 1, t.getEpochSecond());
                    INT.set(buf, p + 9, t.getNano());
                    p += 13;
                }
            }
        }
        pos = p;
    }

    /** The types of the schema's fields, looked up once per schema instead of once per value. */
    private ColumnType[] typesOf(RowSchema s) {
        if (s != schema) {
            types = new ColumnType[s.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = s.field(i).type();
            }
            schema = s;
        }
        return types;
    }

    /**
     * Appends text at {@link #pos}; text larger than the buffer goes straight to SHA-256. Utf8 writes
     * its bytes here from wherever the reader left them (an array or a slice of the page's buffer)
     * without copying them first: asking it for a ByteBuffer view allocated one per value.
     */
    private final class TextSink extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > buf.length - pos) {
                drain();
                if (len > buf.length) {
                    md.update(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }
    }

    private void text(Utf8 u) {
        try {
            u.writeTo(text);
        } catch (IOException e) {
            throw new IllegalStateException("digest buffer cannot fail", e);
        }
    }

    private void drain() {
        md.update(buf, 0, pos);
        pos = 0;
    }

    long rows() {
        return rows;
    }

    String hex() {
        drain();
        return HexFormat.of().formatHex(md.digest());
    }
}
