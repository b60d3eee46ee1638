package io.custodia.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Records which host and process runs an execution, persisted at once, so that {@code recover}
 * can tell an execution orphaned by kill -9 (its process is gone) from one still running elsewhere.
 */
@Component
public class RunOwner implements JobExecutionListener {
    public static final String HOST = "custodia.owner.host";
    public static final String PID = "custodia.owner.pid";
    private final JobRepository repository;

    public RunOwner(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        execution.getExecutionContext().putString(HOST, localHost());
        execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
        repository.updateExecutionContext(execution);
    }

    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** True when the execution's recorded process is on this host and no longer alive. */
    public static boolean isOrphanedHere(JobExecution execution) {
        var ctx = execution.getExecutionContext();
        if (!ctx.containsKey(HOST) || !ctx.containsKey(PID)) {
            return false;
        }
        if (!localHost().equals(ctx.getString(HOST))) {
            return false;
        }
        long pid = ctx.getLong(PID);
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
    }
}
