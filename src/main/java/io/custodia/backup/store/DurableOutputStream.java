package io.custodia.backup.store;

import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A new file being written whose content is on stable storage once {@link #close()} returns: HDFS
 * hsync's the last block to the DataNodes' disks before closing; a local file is fsync'd. Like
 * {@code fs.create(path, false)} it refuses an existing file and creates missing parents. The
 * directory entry is not synced here: the file is renamed next, and whoever relies on the new
 * name syncs that directory ({@link BackupStore#syncDirectories}).
 *
 * <p>Local files are written through a {@link FileChannel}, not Hadoop's local filesystem: without
 * Hadoop's native library that forks a {@code chmod} process for every file it creates, which cost
 * more than encrypting a small file. A local file's bytes start going to disk while it is written
 * ({@link Writeback}); the fsync at close is what makes them durable.
 */
public final class DurableOutputStream extends OutputStream {
    private final FSDataOutputStream remote;
    private final FileChannel local;
    private final Writeback writeback;
    private boolean closed;

    public DurableOutputStream(FileSystem fs, Path path) throws IOException {
        if (Storage.isLocal(fs)) {
            java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(path).toUri());
            Files.createDirectories(file.getParent());
            this.local = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.writeback = new Writeback(local);
            this.remote = null;
        } else {
            this.remote = fs.create(path, false);
            this.local = null;
            this.writeback = null;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (remote != null) {
            remote.write(b, off, len);
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            local.write(buf);
        }
        writeback.wrote(len);
    }

    @Override
    public void flush() throws IOException {
        if (remote != null) {
            remote.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (remote != null) {
            try (remote) {
                remote.flush();
                remote.hsync();
            }
        } else {
            try (local) {
                writeback.await();
                local.force(true);
            }
        }
    }
}
