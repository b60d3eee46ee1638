package io.custodia.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Collects a child JVM's output on a thread of its own (so the child never blocks on a full pipe)
 * and lets a test wait for a line — the child's own signal that it reached a point, not a sleep.
 */
final class ChildOutput {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private static final String EOF = "\u0000EOF";
    private final Thread reader;

    ChildOutput(Process process) {
        this.process = process;
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (all) {
                        all.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child died: end of output
            }
            lines.add(EOF);
        }, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    Process process() {
        return process;
    }

    /** Waits for a line matching, failing with everything the child said if it exits or the time runs out first. */
    String await(Predicate<String> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("child " + process.pid() + " never printed " + what + (line == null ? " within " + timeout : " before exiting")
                        + "; its output:\n" + text());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Everything the child said, once it has exited and its output is read to the end. */
    String all() throws InterruptedException {
        process.waitFor();
        reader.join(10_000);
        return text();
    }

    String text() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }
}
