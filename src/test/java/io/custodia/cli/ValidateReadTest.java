package io.custodia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --read}: every row of every file counted (files read concurrently), and a damaged file fails the command. */
class ValidateReadTest {
    @TempDir
    Path tmp;

    @Test
    void countsEveryRowOfAMultiFileDatasetAndNamesADamagedFile() throws Exception {
        TestHome home = new TestHome(tmp);
        home.copyTree(Path.of("sample-data"), "sample-data");
        Path job = tmp.resolve("jobs/inventory.yaml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, "job: inventory\ncatalog: ../sample-data/catalog.yaml\n");
        Path events = tmp.resolve("sample-data/datasets/events");
        List<Path> files;
        try (Stream<Path> s = Files.list(events)) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(2);
        long expected = 0;
        for (Path f : files) { // from the footers, with parquet-java's own reader
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                expected += r.getRecordCount();
            }
        }

        TestHome.Result ok = home.cli("validate", "--read", job.toString());
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).containsPattern("events\\s+" + String.format("%,d", expected) + " rows read");

        // cut a page in the middle of one file, keeping its footer: only reading the values finds it
        Path damaged = files.get(1);
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.seek(raf.length() / 3);
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 0x5a);
            raf.write(junk);
        }
        TestHome.Result bad = home.cli("validate", "--read", job.toString());
        assertThat(bad.exitCode()).as(bad.all()).isNotZero();
        assertThat(bad.err()).contains(damaged.getFileName().toString());
    }
}
