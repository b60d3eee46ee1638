package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The purge's extra worker may overwrite, but never rewrites beyond the configured threads. */
class RewriteSlotsTest {
    /** Own threads: the common pool has one worker on a 2-core machine, and the first task would hold it. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aRewriteWaitsWhileEverySlotIsHeldAndStartsWhenOneIsFreed() throws Exception {
        RewriteSlots slots = new RewriteSlots(1);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> hold(slots, () -> {
            inFirst.countDown();
            await(releaseFirst);
            return "first";
        }), threads);
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> hold(slots, () -> {
            secondRan.set(true);
            return "second";
        }), threads);
        awaitWaiting(slots, 1);
        assertThat(secondRan).as("the second rewrite waits for the slot").isFalse();
        releaseFirst.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void anInterruptedWaitRunsNothingAndSaysSo() throws Exception {
        RewriteSlots slots = new RewriteSlots(1);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> hold(slots, () -> {
            inFirst.countDown();
            await(releaseFirst);
            return null;
        }), threads);
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        Throwable[] failure = new Throwable[1];
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                slots.hold(() -> {
                    ran.set(true);
                    return null;
                });
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        awaitWaiting(slots, 1);
        waiter.interrupt();
        waiter.join(30_000);
        releaseFirst.countDown();
        assertThat(ran).isFalse();
        assertThatThrownBy(() -> {
            throw failure[0];
        }).isInstanceOf(InterruptedIOException.class).hasMessageContaining("nothing of it was changed");
    }

    @Test
    void atLeastOneSlotEvenWhenThreadsIsZero() throws Exception {
        assertThat(new RewriteSlots(0).hold(() -> "ran")).isEqualTo("ran");
    }

    private static <T> T hold(RewriteSlots slots, RewriteSlots.Work<T> work) {
        try {
            return slots.hold(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Until {@code n} threads queue for a slot; fails (never sleeps to guess) if they do not within a minute. */
    private static void awaitWaiting(RewriteSlots slots, int n) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (slots.waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no thread queued for a slot");
            }
            Thread.onSpinWait();
        }
    }
}
