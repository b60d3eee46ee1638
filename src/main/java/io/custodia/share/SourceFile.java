package io.custodia.share;

import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * One source data file as the two passes must both see it: path, length and modification time.
 * The second pass refuses to run on a file that changed after the first counted it, since the
 * k-anonymity decision would no longer describe what is written.
 */
public record SourceFile(String path, long length, long modified) {
    public static SourceFile of(FileStatus s) {
        return new SourceFile(s.getPath().toString(), s.getLen(), s.getModificationTime());
    }

    public static SourceFile current(String path, Configuration conf) {
        Path p = new Path(path);
        try {
            return of(Storage.fileSystem(p.toUri(), conf).getFileStatus(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source file " + path + ": " + e.getMessage(), e);
        }
    }
}
