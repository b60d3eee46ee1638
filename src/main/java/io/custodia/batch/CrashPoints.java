package io.custodia.batch;

import java.util.concurrent.CountDownLatch;

/**
 * Named points where crash tests stop a real child JVM. When the system property
 * {@code custodia.crash-point} names the point reached, the process prints
 * {@code CUSTODIA-CRASH-POINT <name>} to standard output and blocks, so the test can kill -9 it
 * exactly there (no sleeps, no races). Without the property this is a no-op.
 *
 * <p>An interrupt (a graceful shutdown stopping the run) ends the wait with an exception, so the
 * step fails and its execution ends FAILED or STOPPED, restartable — never silently carries on.
 * The interrupt flag is not set again: the exception is the signal, and an interrupted thread
 * would break the JobRepository's own writes that record the failure.
 */
public final class CrashPoints {
    public static final String PROPERTY = "custodia.crash-point";
    public static final String MARKER = "CUSTODIA-CRASH-POINT ";

    private CrashPoints() {
    }

    public static void reached(String name) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || !wanted.equals(name)) {
            return;
        }
        System.out.println(MARKER + name);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted while held at crash point " + name + " (the run was stopped)", e);
        }
    }
}
