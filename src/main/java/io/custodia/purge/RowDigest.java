package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.parquet.Row;
import io.custodia.parquet.ValueVisitor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.parquet.io.api.Binary;

/**
 * SHA-256 over the content of a row stream, independent of the file format and its encoding: each
 * value is written as a type tag and a fixed or length-prefixed encoding, null as its own tag. The
 * rewriter digests the rows it writes and the rows it reads back; equal digests mean the new file
 * holds exactly the surviving rows.
 *
 * <p>Rows come as {@link Row}s ({@link #add}) or value by value straight from a file
 * ({@link ValueVisitor}, {@link io.custodia.parquet.RowFiles#visitAll}); both go through the same
 * per-type encodings below, so a row digests alike either way. A string is its UTF-8 bytes, whether
 * the row holds a {@link String} or the undecoded {@link io.custodia.parquet.Utf8} bytes.
 *
 * <p>The encoded values are gathered in a buffer and handed to SHA-256 in large blocks: one digest
 * update per value cost more than the hash. The buffer is a plain array written through big-endian
 * array views, not a ByteBuffer, which checks its bounds and moves its position on every put.
 */
final class RowDigest implements ValueVisitor {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The most one value takes before its text: a timestamp's tag, seconds and nanos. */
    private static final int FIXED = 16;
    private final MessageDigest md = Hashes.sha256();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final TextSink text = new TextSink();
    private long rows;

    void add(Row row) {
        ValueVisitor.visit(row, this);
    }

    @Override
    public void startRow() {
        rows++;
    }

    @Override
    public void nullValue() {
        room()[pos++] = 0;
    }

    @Override
    public void text(Binary utf8) {
        byte[] b = room();
        b[pos] = 1;
        INT.set(b, pos + 1, utf8.length());
        pos += 5;
        try {
            // from wherever the reader left the bytes (an array or a slice of a page), without copying them first
            utf8.writeTo(text);
        } catch (IOException e) {
            throw new IllegalStateException("digest buffer cannot fail", e);
        }
    }

    @Override
    public void intValue(int v) {
        byte[] b = room();
        b[pos] = 2;
        INT.set(b, pos + 1, v);
        pos += 5;
    }

    @Override
    public void longValue(long v) {
        tagged(3, v);
    }

    @Override
    public void doubleValue(double v) {
        tagged(4, Double.doubleToLongBits(v));
    }

    @Override
    public void booleanValue(boolean v) {
        byte[] b = room();
        b[pos] = 5;
        b[pos + 1] = (byte) (v ? 1 : 0);
        pos += 2;
    }

    @Override
    public void date(long epochDay) {
        tagged(6, epochDay);
    }

    @Override
    public void timestamp(long epochSecond, int nano) {
        byte[] b = room();
        b[pos] = 7;
        LONG.set(b, pos + 1, epochSecond);
        INT.set(b, pos + 9, nano);
        pos += 13;
    }

    private void tagged(int tag, long v) {
        byte[] b = room();
        b[pos] = (byte) tag;
        LONG.set(b, pos + 1, v);
        pos += 9;
    }

    /** The buffer, with room at {@link #pos} for one value's fixed part. */
    private byte[] room() {
        if (buf.length - pos < FIXED) {
            drain();
        }
        return buf;
    }

    /** Appends text at {@link #pos}; text larger than the buffer goes straight to SHA-256. */
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
