package io.custodia.schedule;

import java.time.Instant;
import java.util.function.Consumer;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;

/**
 * Tells the scheduler report about missed fires. Quartz calls {@link #triggerMisfired} with the
 * trigger as it was before its misfire instruction moved it, inside the job store's lock — so this
 * only hands the facts over; the consumer does any slow work elsewhere.
 */
final class MisfireListener implements TriggerListener {
    /** A schedule's fire at {@code missed} came too late; its misfire policy now applies. */
    record Missed(String schedule, Instant missed) {
    }

    private final Consumer<Missed> consumer;

    MisfireListener(Consumer<Missed> consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getName() {
        return "custodia-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        if (trigger.getNextFireTime() != null) {
            consumer.accept(new Missed(trigger.getKey().getName(), trigger.getNextFireTime().toInstant()));
        }
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {
    }
}
