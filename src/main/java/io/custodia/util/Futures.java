package io.custodia.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a pool, with the worker's failure rethrown as the caller's own. */
public final class Futures {
    private Futures() {
    }

    /**
     * The task's result. A task that threw a RuntimeException or an Error rethrows it unwrapped (it
     * names the file or value at fault); any other cause comes wrapped in an IllegalStateException.
     * An interrupted wait keeps the interrupt and fails with {@code whenInterrupted}.
     */
    public static <T> T join(Future<T> f, String whenInterrupted) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(whenInterrupted, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
