package io.custodia.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.quartz.JobKey;
import org.springframework.stereotype.Component;

/**
 * The fires this process is carrying out right now and the threads carrying them, so a graceful
 * shutdown can wait for them (without polling) and, past its timeout, interrupt them.
 */
@Component
public class RunningFires {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Entry> running = new LinkedHashSet<>();

    /** One fire in progress; {@code quartzJob} is null for a fire of {@code scheduler --once}. */
    public final class Entry implements AutoCloseable {
        public final Schedule schedule;
        public final Thread thread;
        public final JobKey quartzJob;

        private Entry(Schedule schedule, Thread thread, JobKey quartzJob) {
            this.schedule = schedule;
            this.thread = thread;
            this.quartzJob = quartzJob;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                running.remove(this);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public Entry enter(Schedule schedule, JobKey quartzJob) {
        lock.lock();
        try {
            Entry e = new Entry(schedule, Thread.currentThread(), quartzJob);
            running.add(e);
            changed.signalAll();
            return e;
        } finally {
            lock.unlock();
        }
    }

    public List<Entry> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(running);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no fire is running, at most {@code timeout}; true when none is. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!running.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} fires run at once (tests use it to know a fire has started). */
    public boolean awaitRunning(int n, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (running.size() < n) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
