package io.custodia.purge;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * How many files of a purge are rewritten at once: as many as {@code custodia.threads}. The destroy
 * step runs one worker more than that: a file's overwrite is three forced passes and a direct
 * read-back, mostly waiting on the disk, and with one worker per core the cores sat idle through
 * every such wait. The extra worker overwrites (or waits for a slot) while the others rewrite; the
 * CPU-bound work stays within the configured threads. An interrupted wait changes nothing.
 */
final class RewriteSlots {
    private final Semaphore slots;

    RewriteSlots(int threads) {
        this.slots = new Semaphore(Math.max(1, threads), true);
    }

    /** Runs {@code work} holding a slot; waits for one first. */
    <T> T hold(Work<T> work) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to rewrite a file; nothing of it was changed");
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }

    /** How many workers wait for a slot (an estimate, for tests and diagnostics). */
    int waiting() {
        return slots.getQueueLength();
    }

    interface Work<T> {
        T run() throws IOException;
    }
}
