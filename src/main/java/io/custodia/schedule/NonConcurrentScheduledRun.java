package io.custodia.schedule;

import org.quartz.DisallowConcurrentExecution;

/**
 * The Quartz job of a schedule with {@code overlap: forbid} (the default): Quartz never runs two
 * fires of it at once — across every node of a clustered store — so a fire that comes while the
 * previous one runs waits, and the misfire policy decides what becomes of it.
 */
@DisallowConcurrentExecution
public class NonConcurrentScheduledRun extends ScheduledRun {
    public NonConcurrentScheduledRun(FireHandler handler, RunningFires fires) {
        super(handler, fires);
    }
}
