package io.custodia.batch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/** Shared batch plumbing: the executor partitioned steps run their partitions on. */
@Configuration
public class BatchInfrastructure {
    @Bean
    public TaskExecutor partitionExecutor(CustodiaProperties properties) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("custodia-part-");
        executor.setConcurrencyLimit(properties.threads());
        return executor;
    }
}
