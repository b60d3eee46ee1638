package io.custodia.backup;

import java.util.List;

/** What the set step did, kept in the job's execution context for the report. */
public record BackupSummary(String set, String manifestSha256, int files, long bytes, int newObjects, long newCiphertextBytes,
        int reusedUnchanged, int deduplicated, long encryptedThisExecution, long encryptedEarlier, List<String> warnings,
        List<String> recipients, boolean alreadySigned) {
    public BackupSummary {
        warnings = List.copyOf(warnings);
        recipients = List.copyOf(recipients);
    }
}
