package io.custodia.batch;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs progress of long work every few seconds: count, rate and, when the total is known, ETA.
 * Thread-safe; the message names only what is counted, never a value.
 */
public final class Progress {
    private final Logger log;
    private final String what;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long intervalNanos;
    private long done;
    private long lastLog = startNanos;

    public Progress(Logger log, String what, String unit, long total) {
        this(log, what, unit, total, Duration.ofSeconds(5));
    }

    public Progress(Logger log, String what, String unit, long total, Duration interval) {
        this.log = log;
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.intervalNanos = interval.toNanos();
    }

    public synchronized void add(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            log.info(line(now));
        }
    }

    public synchronized long done() {
        return done;
    }

    public synchronized String finish() {
        String l = line(System.nanoTime()).replace(" — ETA", " — was ETA");
        log.info("{} done", l);
        return l;
    }

    private String line(long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / secs;
        StringBuilder b = new StringBuilder(what).append(": ").append(String.format("%,d", done));
        if (total > 0) {
            b.append(" of ").append(String.format("%,d", total)).append(' ').append(unit)
                    .append(String.format(" (%.0f%%)", 100.0 * done / total));
        } else {
            b.append(' ').append(unit);
        }
        b.append(String.format(", %,.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            b.append(", ETA ").append(Duration.ofSeconds((long) ((total - done) / rate)).toString().substring(2).toLowerCase());
        }
        return b.toString();
    }
}
