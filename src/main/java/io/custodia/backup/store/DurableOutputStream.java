package io.custodia.backup.store;

import io.custodia.storage.Storage;
import java.io.FilterOutputStream;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file being written whose content is on stable storage once {@link #close()} returns: HDFS
 * hsync's the last block to the DataNodes' disks before closing; a local file is fsync'd. The
 * directory entry is not synced here: the file is renamed next, and whoever relies on the new name
 * syncs that directory ({@link BackupStore#syncDirectories}).
 */
public final class DurableOutputStream extends FilterOutputStream {
    private final FSDataOutputStream stream;
    private final FileSystem fs;
    private final Path path;
    private boolean closed;

    public DurableOutputStream(FileSystem fs, Path path) throws IOException {
        this(fs, path, fs.create(path, false));
    }

    private DurableOutputStream(FileSystem fs, Path path, FSDataOutputStream stream) {
        super(stream);
        this.stream = stream;
        this.fs = fs;
        this.path = path;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        stream.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean local = Storage.isLocal(fs);
        try (stream) {
            stream.flush();
            if (!local) {
                stream.hsync();
            }
        }
        if (local) {
            java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(path).toUri());
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }
}
