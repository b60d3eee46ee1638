package io.custodia.batch;

import java.util.concurrent.CountDownLatch;

/**
 * Named points where crash tests stop a real child JVM. When the system property
 * {@code custodia.crash-point} names the point reached, the process prints
 * {@code CUSTODIA-CRASH-POINT <name>} to standard output and blocks, so the test can kill -9 it
 * exactly there (no sleeps, no races). Without the property this is a no-op.
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
            Thread.currentThread().interrupt();
        }
    }
}
