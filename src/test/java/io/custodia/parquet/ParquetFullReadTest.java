package io.custodia.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.catalog.DataFormat;
import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFullReadTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void countsEveryRowWithNullsAndRefusesAFileWhosePagesAreCut() throws Exception {
        java.nio.file.Path file = tmp.resolve("a.parquet");
        RowFilesRoundTripTest.writeAndRead(file.toUri(), DataFormat.PARQUET, RowFilesRoundTripTest.rows(7_001));
        Path p = new Path(file.toUri());
        assertThat(ParquetFullRead.rows(p, Storage.configuration())).isEqualTo(7_001);

        // keep the footer, lose the middle of the data pages: the footer still promises 7,001 rows
        byte[] bytes = Files.readAllBytes(file);
        int footer = footerStart(bytes);
        byte[] cut = new byte[bytes.length];
        System.arraycopy(bytes, 0, cut, 0, bytes.length);
        Arrays.fill(cut, 4 + (footer - 4) / 3, 4 + 2 * (footer - 4) / 3, (byte) 0);
        java.nio.file.Path damaged = tmp.resolve("damaged.parquet");
        Files.write(damaged, cut);
        assertThat(ParquetRowReader.rowCount(new Path(damaged.toUri()), Storage.configuration())).as("the footer alone looks fine").isEqualTo(7_001);
        assertThatThrownBy(() -> ParquetFullRead.rows(new Path(damaged.toUri()), Storage.configuration())).isInstanceOf(Exception.class);
    }

    /** Offset of the footer: the 4 bytes before the trailing magic hold its length. */
    private static int footerStart(byte[] b) {
        int n = b.length;
        int len = (b[n - 8] & 0xff) | (b[n - 7] & 0xff) << 8 | (b[n - 6] & 0xff) << 16 | (b[n - 5] & 0xff) << 24;
        return n - 8 - len;
    }
}
