package io.custodia.schedule;

/** Carries out a fire. {@link ScheduleFirer} runs the job file; the Quartz jobs only hand fires over. */
@FunctionalInterface
public interface FireHandler {
    FireResult fire(Fire fire);
}
