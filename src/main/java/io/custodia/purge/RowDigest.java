package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.parquet.Row;
import io.custodia.parquet.Utf8;
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
    private long rows;

    void add(Row row) {
        rows++;
        for (int i = 0; i < row.schema().size(); i++) {
            Object v = row.get(i);
            if (buf.remaining() < FIXED) {
                drain();
            }
            switch (v) {
                case null -> buf.put((byte) 0);
                case Utf8 u -> text(u.bytes());
                case String s -> text(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
                case Integer n -> buf.put((byte) 2).putInt(n);
                case Long n -> buf.put((byte) 3).putLong(n);
                case Double d -> buf.put((byte) 4).putLong(Double.doubleToLongBits(d));
                case Boolean b -> buf.put((byte) 5).put((byte) (b ? 1 : 0));
                case LocalDate d -> buf.put((byte) 6).putLong(d.toEpochDay());
                case Instant t -> buf.put((byte) 7).putLong(t.getEpochSecond()).putInt(t.getNano());
                default -> throw new IllegalArgumentException("unexpected value type " + v.getClass().getSimpleName());
            }
        }
    }

    private void text(ByteBuffer utf8) {
        buf.put((byte) 1).putInt(utf8.remaining());
        if (utf8.remaining() > buf.remaining()) {
            drain();
            if (utf8.remaining() > buf.remaining()) {
                md.update(utf8);
                return;
            }
        }
        buf.put(utf8);
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
