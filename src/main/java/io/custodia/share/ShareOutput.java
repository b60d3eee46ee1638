package io.custodia.share;

import io.custodia.batch.RunContext;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import tools.jackson.databind.JsonNode;

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

    /**
     * Whether this run already published (a restart after a crash between the rename and the
     * registration). Fails when the directory holds another export: it is never overwritten.
     */
    public boolean publishedBy(SharePolicy policy) {
        if (!exists(published())) {
            return false;
        }
        Path manifest = new Path(published(), ShareManifest.FILE);
        JsonNode m;
        try (InputStream in = fs.open(manifest)) {
            m = Json.MAPPER.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(published() + " exists but has no readable manifest; refusing to overwrite it. Move it away or "
                    + "run the share for another date", e);
        }
        if (!(policy.name() + "/" + run).equals(m.path("exportId").asString())
                || !policy.jobFileSha256().equals(m.path("policy").path("sha256").asString())) {
            throw new IllegalStateException(published() + " already holds another export (other policy or share); refusing to overwrite "
                    + "it. Move it away or run the share for another date");
        }
        return true;
    }

    public boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p + ": " + e.getMessage(), e);
        }
    }
}
