package io.custodia.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custodia.scheduler.*}: where the schedules are and how the Quartz scheduler behaves.
 *
 * @param schedulesDir      the schedule files; default {@code <custodia.home>/schedules}
 * @param shutdownTimeout   on SIGTERM, how long running jobs may go on before they are stopped
 * @param stopTimeout       after they are asked to stop (JobOperator.stop, thread interrupt), how
 *                          long to wait for them to record FAILED/STOPPED before exiting anyway
 * @param threads           Quartz worker threads: how many schedules may run at once on this node
 * @param clustered         Quartz clustered JDBC store: nodes sharing the database fire each trigger
 *                          once, and a surviving node recovers the fires of a dead one
 * @param clusterCheckinInterval how often a node checks in; a node silent for this plus 7.5 s is dead
 * @param misfireThreshold  a fire later than this is a misfire, handled by the schedule's policy
 * @param instanceName      the cluster's name: the same on every node sharing the store
 * @param quartz            any other Quartz property, e.g.
 *                          {@code custodia.scheduler.quartz.org.quartz.jobStore.driverDelegateClass}
 */
@ConfigurationProperties("custodia.scheduler")
public record SchedulerProperties(
        Path schedulesDir,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("10s") Duration stopTimeout,
        @DefaultValue("4") int threads,
        @DefaultValue("true") boolean clustered,
        @DefaultValue("7500ms") Duration clusterCheckinInterval,
        @DefaultValue("60s") Duration misfireThreshold,
        @DefaultValue("custodia") String instanceName,
        Map<String, String> quartz) {

    public SchedulerProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("custodia.scheduler.threads must be at least 1, was " + threads);
        }
        quartz = quartz == null ? Map.of() : Map.copyOf(quartz);
    }
}
