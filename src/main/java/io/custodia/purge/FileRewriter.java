package io.custodia.purge;

import io.custodia.catalog.Dataset;
import io.custodia.parquet.DataFileException;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the rows of a file that survive to a new file beside it (hidden name), forces it to disk,
 * then reads it back and checks it holds exactly the surviving rows: same count, same content
 * digest. Only a verified new file is ever swapped in.
 */
final class FileRewriter {
    private FileRewriter() {
    }

    /** What the rewrite produced: the destruction it did and the verified new file. */
    record Result(Outcome.Builder outcome, long rows, String contentSha256, long size, String sha256, String verification) {
    }

    /** Streams the original through the processor into {@code staged} (or nowhere, when {@code staged} is null). */
    static Result rewrite(Dataset dataset, Path original, Path staged, RowProcessor processor, Configuration conf) {
        Outcome.Builder out = new Outcome.Builder();
        RowDigest written = new RowDigest();
        RowSchema schema = RowSchema.ofColumns(dataset.columns());
        try (RowReader in = RowFiles.openUndecoded(original, dataset.format(), schema, conf)) {
            if (staged == null) {
                for (Row row = in.next(); row != null; row = in.next()) {
                    if (processor.process(row, out) != null) {
                        throw new IllegalStateException(original + ": a row survives, but the plan expected none to");
                    }
                }
                return new Result(out, 0, written.hex(), 0, null, "no rows survive; no new file");
            }
            try (RowWriter w = RowFiles.createLike(staged, dataset.format(), schema, original, conf)) {
                for (Row row = in.next(); row != null; row = in.next()) {
                    Row kept = processor.process(row, out);
                    if (kept != null) {
                        w.write(kept);
                        written.add(kept);
                    }
                }
                w.commit();
            }
        }
        RowDigest readBack = new RowDigest();
        try {
            RowFiles.visitAll(staged, dataset.format(), schema, conf, readBack);
        } catch (DataFileException e) {
            throw new IllegalStateException(staged + ": the new file cannot be read back: " + e.getMessage(), e);
        }
        String digest = written.hex();
        String back = readBack.hex();
        if (readBack.rows() != written.rows() || !digest.equals(back)) {
            throw new IllegalStateException(staged + ": the new file does not hold the surviving rows (wrote " + written.rows()
                    + " rows, read back " + readBack.rows() + (digest.equals(back) ? "" : ", content digest differs")
                    + "); the original was not touched");
        }
        FileSystem fs = Storage.fileSystem(staged.toUri(), conf);
        try {
            long size = fs.getFileStatus(staged).getLen();
            return new Result(out, written.rows(), digest, size, InputFile.sha256(fs, staged),
                    "read back " + readBack.rows() + " rows; content SHA-256 matches the rows written");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + staged + ": " + e.getMessage(), e);
        }
    }
}
