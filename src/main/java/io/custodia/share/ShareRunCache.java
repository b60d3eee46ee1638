package io.custodia.share;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * What the partitions of one share run hold in memory together instead of once per thread: the
 * consent set of the row filter and the suppressed classes. Built by the first partition that asks
 * (the others wait), dropped when the job ends. After a restart they are rebuilt from the source
 * or from the work directory, never trusted from an earlier process.
 */
@Component
public class ShareRunCache implements JobExecutionListener {
    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T get(long executionId, String name, Supplier<T> build) {
        return (T) entries.computeIfAbsent(executionId + "/" + name, k -> build.get());
    }

    @Override
    public void afterJob(JobExecution execution) {
        entries.keySet().removeIf(k -> k.startsWith(execution.getId() + "/"));
    }
}
