package io.custodia.backup;

import io.custodia.backup.store.DatasetRef;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.RecipientRef;
import java.util.List;

/**
 * What one backup run will do, fixed when it starts and kept in the job's execution context so a
 * restart resumes exactly the same plan: the set it writes, the recipients, the files unchanged
 * since an earlier set (referenced, not read) and the files to encrypt, grouped into partitions.
 */
public record BackupPlan(String set, String uuid, String destination, List<RecipientRef> recipients, List<DatasetRef> datasets,
        List<ManifestEntry> reused, List<Partition> partitions) {

    public BackupPlan {
        recipients = List.copyOf(recipients);
        datasets = List.copyOf(datasets);
        reused = List.copyOf(reused);
        partitions = List.copyOf(partitions);
    }

    /** Files one worker encrypts, in order. */
    public record Partition(String key, List<SourceFile> files) {
        public Partition {
            files = List.copyOf(files);
        }

        public long bytes() {
            return files.stream().mapToLong(SourceFile::size).sum();
        }
    }

    public Partition partition(String key) {
        return partitions.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the backup plan has no partition " + key));
    }

    public long bytesToEncrypt() {
        return partitions.stream().mapToLong(Partition::bytes).sum();
    }

    public int filesToEncrypt() {
        return partitions.stream().mapToInt(p -> p.files().size()).sum();
    }
}
