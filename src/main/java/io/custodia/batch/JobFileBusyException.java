package io.custodia.batch;

/**
 * A run was refused because the same job file is being run right now by another process or node
 * (its {@link JobFileLock} is held). Nothing was started; the message names the running execution.
 */
public class JobFileBusyException extends IllegalStateException {
    public JobFileBusyException(String message) {
        super(message);
    }
}
