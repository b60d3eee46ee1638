package io.custodia.backup.store;

/** The result of reading one set: its status, and the manifest when it is VALID (null otherwise). */
public record LoadedSet(String id, SetStatus status, Manifest manifest, String manifestSha256, String detail) {
    public boolean valid() {
        return status == SetStatus.VALID;
    }

    public String describe() {
        return "set " + id + ": " + status.meaning() + (detail == null ? "" : " (" + detail + ")");
    }
}
