package io.custodia.evidence;

/**
 * The kinds of entry the ledger holds. Records that pass from one job to another are entries
 * here, so a job never depends on another job's package: purge writes {@link #ERASURE_RECORD}s
 * that restore reads; share writes {@link #CROSS_BORDER_TRANSFER}s that reconcile reads.
 */
public final class EntryTypes {
    public static final String INVENTORY_REPORT = "inventory.report";
    public static final String BACKUP_SET = "backup.set";
    public static final String DESTRUCTION_CERTIFICATE = "destruction.certificate";
    public static final String ERASURE_RECORD = "erasure.record";
    public static final String SHARE_EXPORT = "share.export";
    public static final String CROSS_BORDER_TRANSFER = "crossborder.transfer";
    public static final String RECONCILE_REPORT = "reconcile.report";
    public static final String REIDENTIFICATION = "reidentification";
    public static final String KEY_EVENT = "key.event";

    private EntryTypes() {
    }
}
