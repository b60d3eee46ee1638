package io.custodia.purge;

/**
 * The journal's record of one file of an execution, rewritten (durably) at every step, so that a
 * process killed at any point resumes from the last step it recorded:
 * {@code STAGED} (surviving rows written beside it and verified) → {@code SWAPPED} (the new version
 * is in place, the old one kept under a hidden name) → {@code WIPED} (old content overwritten and
 * verified) → {@code DESTROYED} (old file truncated and deleted).
 */
public final class FileEntry {
    public static final String STAGED = "STAGED";
    public static final String SWAPPED = "SWAPPED";
    public static final String WIPED = "WIPED";
    public static final String DESTROYED = "DESTROYED";
    /** Rows survive: a new file replaces the old one. */
    public static final String REWRITE = "rewrite";
    /** Nothing survives and the dataset is a directory: the file is removed, no empty file left behind. */
    public static final String REMOVE = "remove";

    public int index;
    public String dataset;
    public String uri;
    public String mode;
    public String state;
    public long originalSize;
    public String originalSha256;
    public String stagedUri;
    public String keptUri;
    public long newRows;
    public long newSize;
    public String newSha256;
    public String contentSha256;
    public String verification;
    public Outcome outcome;
    public Medium medium;
    public WipeResult wipe;
    public String method;
    public String category;
    public String swappedAt;
    public String destroyedAt;

    boolean at(String s) {
        return s.equals(state);
    }
}
