package io.custodia.backup;

/**
 * Ledger entry types the backup package writes besides the shared ones in
 * {@link io.custodia.evidence.EntryTypes} (BACKUP_SET, DESTRUCTION_CERTIFICATE, KEY_EVENT). Kept
 * here because no other job reads them; move them to EntryTypes if one ever does.
 */
public final class BackupEntryTypes {
    /** A recovery drill (verify job): which set, how much was checked, what failed. */
    public static final String DRILL = "backup.drill";
    /** A restore: which set, where to, how many rows and subjects the erasure ledger removed. */
    public static final String RESTORE = "backup.restore";

    private BackupEntryTypes() {
    }
}
