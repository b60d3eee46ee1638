package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Removes what interrupted runs left in tmp/: half-written objects of executions that are no
 * longer running (they can never be completed; nothing refers to them), and progress journals of
 * runs that never finished, after a month.
 */
final class Temporaries {
    private static final Logger log = LoggerFactory.getLogger(Temporaries.class);
    private static final Duration JOURNAL_AGE = Duration.ofDays(30);

    private Temporaries() {
    }

    static void removeStale(BackupStore store, JobRepository repository, long current) {
        int removed = 0;
        for (FileStatus s : store.listAll(store.tmpDir())) {
            String name = s.getPath().getName();
            long owner = BackupStore.tempOwner(name);
            if (owner >= 0 && owner != current) {
                JobExecution e = repository.getJobExecution(owner);
                if (e == null || !e.isRunning()) {
                    store.deleteQuietly(s.getPath());
                    removed++;
                }
            } else if (name.startsWith("journal-") && s.getModificationTime() < Instant.now().minus(JOURNAL_AGE).toEpochMilli()) {
                store.delete(s.getPath(), true);
            }
        }
        if (removed > 0) {
            log.info("removed {} temporary objects left by interrupted runs", removed);
        }
    }
}
