package io.custodia.backup.store;

/** Whether a directory under {@code sets/} is a backup set, and if not, why not. */
public enum SetStatus {
    VALID("manifest and signature verify"),
    NOT_FOUND("no such set"),
    UNSIGNED("the manifest has no signature file: the set was never completed (or its signature was removed)"),
    BAD_SIGNATURE("the manifest signature does not verify: the manifest was edited after signing, or signed by another key"),
    MALFORMED("the manifest is not a readable Custodia manifest");

    private final String meaning;

    SetStatus(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
