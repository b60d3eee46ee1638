package io.custodia.backup.restore;

import java.util.List;

/** What a restore did: counts, the report, and the files that could not be restored (with why). */
public record RestoreResult(String set, String to, int files, long bytes, long rowsRemoved, int subjectsRemoved, String report,
        List<String> failures) {
    public RestoreResult {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
