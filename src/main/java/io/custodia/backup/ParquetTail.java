package io.custodia.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.format.Util;

/**
 * Keeps the last bytes of a stream so that a Parquet file's row count can be read from its footer
 * (file metadata, 4-byte length, {@code PAR1}) as the file streams past, instead of opening the file
 * a second time. Returns null when the footer does not fit in the kept tail or the bytes are not
 * plain Parquet; the caller then reads the footer from the file.
 */
final class ParquetTail {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private final byte[] tail;
    private int kept;

    ParquetTail(int capacity) {
        this.tail = new byte[capacity];
    }

    void update(byte[] b, int off, int len) {
        if (len >= tail.length) {
            System.arraycopy(b, off + len - tail.length, tail, 0, tail.length);
            kept = tail.length;
            return;
        }
        int keep = Math.min(kept, tail.length - len);
        System.arraycopy(tail, kept - keep, tail, 0, keep);
        System.arraycopy(b, off, tail, keep, len);
        kept = keep + len;
    }

    Long rows() {
        if (kept < 12 || !Arrays.equals(tail, kept - 4, kept, MAGIC, 0, 4)) {
            return null;
        }
        int len = (tail[kept - 8] & 0xff) | (tail[kept - 7] & 0xff) << 8 | (tail[kept - 6] & 0xff) << 16 | (tail[kept - 5] & 0xff) << 24;
        if (len <= 0 || len > kept - 8) {
            return null;
        }
        try {
            return Util.readFileMetaData(new ByteArrayInputStream(tail, kept - 8 - len, len)).getNum_rows();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
