package io.custodia.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits one big file's work over two threads: the caller reads and hashes the plaintext, a helper
 * thread writes what it read into {@code sink} (the age stream: encrypting, hashing the ciphertext
 * and writing the object). Reading plus one SHA-256 and encrypting plus the other take about the
 * same time, so a file that runs alone — the last one of a run, or one far bigger than the rest —
 * finishes in little more than half the time. Memory stays bounded: {@link #BUFFERS} buffers of
 * {@link #BUFFER} bytes circulate, whatever the file's size. The sink is only ever used by one
 * thread at a time: after {@link #close()} returns, the helper has let go of it.
 */
final class Handoff implements AutoCloseable {
    static final int BUFFER = 1 << 20;
    static final int BUFFERS = 4;
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "custodia-encrypt");
        t.setDaemon(true);
        return t;
    });
    private static final Item END = new Item(null, 0, null);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Item> full = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final OutputStream sink;
    private final Future<?> helper;
    private volatile IOException failure;
    private boolean ended;

    private record Item(byte[] data, int length, CountDownLatch written) {
    }

    Handoff(OutputStream sink) {
        this.sink = sink;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        this.helper = HELPERS.submit(this::drain);
    }

    /** A buffer to read into; blocks while all of them are queued for writing. */
    byte[] take() throws IOException {
        check();
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the encrypting thread");
        }
    }

    /** Queues {@code data[0, length)} to be written, in order; the buffer comes back through {@link #take()}. */
    void send(byte[] data, int length) throws IOException {
        check();
        put(new Item(data, length, null));
    }

    /** Waits until everything sent so far is written to the sink and the sink is flushed. */
    void flush() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        put(new Item(null, 0, done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the encrypting thread");
        }
        check();
    }

    /** Waits until everything sent is written (or the helper failed) and the helper has stopped; rethrows its failure. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            ended = true;
            full.add(END);
        }
        boolean interrupted = false;
        while (true) {
            try {
                helper.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                failure = failure != null ? failure : new IOException("the encrypting thread failed", e.getCause());
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        check();
    }

    private void put(Item item) throws IOException {
        try {
            full.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the encrypting thread");
        }
    }

    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    /** The helper: writes items in order until END; after a failure it only hands buffers back, so the reader never blocks forever. */
    private void drain() {
        while (true) {
            Item item;
            try {
                item = full.take();
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("the encrypting thread was interrupted");
                return;
            }
            if (item == END) {
                return;
            }
            if (item.written() != null) {
                try {
                    if (failure == null) {
                        sink.flush();
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                } finally {
                    item.written().countDown();
                }
                continue;
            }
            if (failure == null) {
                try {
                    sink.write(item.data(), 0, item.length());
                } catch (IOException | RuntimeException e) {
                    failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
            free.add(item.data());
        }
    }
}
