package io.custodia.batch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/** Shared batch plumbing: the executor partitioned steps run their partitions on. */
@Configuration
public class BatchInfrastructure {
    /** Partition threads are named with this prefix; a graceful shutdown interrupts them to stop their steps. */
    public static final String PARTITION_THREAD_PREFIX = "custodia-part-";

    @Bean
    public TaskExecutor partitionExecutor(CustodiaProperties properties) {
        return partitionExecutor(properties.threads());
    }

    /** Runs at most {@code workers} partitions at once, on threads a graceful shutdown finds by their prefix. */
    public static TaskExecutor partitionExecutor(int workers) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(PARTITION_THREAD_PREFIX);
        executor.setConcurrencyLimit(workers);
        return executor;
    }
}
