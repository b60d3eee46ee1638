package io.custodia.sampledata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs counts, rate and ETA every few seconds. Counts only: never a personal value. */
final class Progress {
    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastLog = start;

    Progress(String what, long total) {
        this.what = what;
        this.total = total;
    }

    void maybeLog(long done) {
        long now = System.nanoTime();
        if (now - lastLog < INTERVAL_NANOS) {
            return;
        }
        lastLog = now;
        double secs = (now - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        log.info("sample-data: {} {} of {} ({}%), {}/s, ETA {}:{}", what, done, total,
                String.format("%.1f", 100.0 * done / total), Math.round(rate), eta / 60, String.format("%02d", eta % 60));
    }

    void done(long done) {
        double secs = (System.nanoTime() - start) / 1e9;
        log.info("sample-data: {} {} written in {} s ({}/s)", what, done, String.format("%.1f", secs),
                Math.round(done / Math.max(secs, 1e-9)));
    }
}
