package io.custodia.backup.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts putting a local file's written bytes on disk while the file is still being written, on
 * a helper thread, so that the fsync at close waits only for the last few MiB instead of the whole
 * file: the kernel would otherwise keep a freshly written object (up to gigabytes) in the page
 * cache until that fsync, and the writer would sit idle through it. This is only a head start —
 * durability still comes from the fsync at close, and a failed early flush fails the file.
 */
final class Writeback {
    static final long EVERY = 16L << 20;
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "custodia-writeback");
        t.setDaemon(true);
        return t;
    });
    private final FileChannel channel;
    private long sinceFlush;
    private Future<?> pending;

    Writeback(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts written bytes; once enough have piled up and no flush is running, starts one. */
    void wrote(int bytes) throws IOException {
        sinceFlush += bytes;
        if (sinceFlush >= EVERY && (pending == null || pending.isDone())) {
            await();
            sinceFlush = 0;
            pending = FLUSHERS.submit(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Waits for the running flush, if any; rethrows its failure (an fsync error may be reported only once). */
    void await() throws IOException {
        if (pending == null) {
            return;
        }
        Future<?> f = pending;
        pending = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                    throw cause instanceof IOException io ? io : new IOException("flushing to disk failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
