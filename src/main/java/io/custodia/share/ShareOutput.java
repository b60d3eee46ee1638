package io.custodia.share;

import io.custodia.batch.RunContext;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where one run's export goes: {@code <output>/<share>/<run date>/}. The second pass writes into
 * the hidden sibling {@code .<run date>.inprogress/}; publishing renames that directory in one
 * step (rename(2) locally, a namenode rename on HDFS), so a reader sees the whole export with its
 * signed manifest or nothing.
 */
public record ShareOutput(FileSystem fs, Path shareDir, String run) {
    public static ShareOutput of(SharePolicy policy, RunContext run) {
        Path root = new Path(policy.output());
        FileSystem fs = Storage.fileSystem(policy.output());
        return new ShareOutput(fs, new Path(root, policy.name()), run.runDate().toString());
    }

    public Path staging() {
        return new Path(shareDir, "." + run + ".inprogress");
    }

    public Path published() {
        return new Path(shareDir, run);
    }

    public boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p + ": " + e.getMessage(), e);
        }
    }
}
