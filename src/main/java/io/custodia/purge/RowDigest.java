package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.parquet.Row;
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
 */
final class RowDigest {
    private final MessageDigest md = Hashes.sha256();
    private final ByteBuffer buf = ByteBuffer.allocate(16);
    private long rows;

    void add(Row row) {
        rows++;
        for (int i = 0; i < row.schema().size(); i++) {
            Object v = row.get(i);
            buf.clear();
            switch (v) {
                case null -> buf.put((byte) 0);
                case String s -> {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    buf.put((byte) 1).putInt(b.length);
                    flush();
                    md.update(b);
                    continue;
                }
                case Integer n -> buf.put((byte) 2).putInt(n);
                case Long n -> buf.put((byte) 3).putLong(n);
                case Double d -> buf.put((byte) 4).putLong(Double.doubleToLongBits(d));
                case Boolean b -> buf.put((byte) 5).put((byte) (b ? 1 : 0));
                case LocalDate d -> buf.put((byte) 6).putLong(d.toEpochDay());
                case Instant t -> buf.put((byte) 7).putLong(t.getEpochSecond()).putInt(t.getNano());
                default -> throw new IllegalArgumentException("unexpected value type " + v.getClass().getSimpleName());
            }
            flush();
        }
    }

    private void flush() {
        buf.flip();
        md.update(buf);
    }

    long rows() {
        return rows;
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
