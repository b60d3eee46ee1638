package io.custodia.backup.verify;

import java.util.List;

/**
 * The outcome of checking one object of a set: what was read, how long it took and every problem
 * found (empty when the object decrypted, hashed and — for Parquet — opened and counted as the
 * signed manifest says). Paths and hashes only; no content.
 */
public record CheckResult(String object, List<String> paths, long ciphertextBytes, long plaintextBytes, Long rows, long nanos,
        List<Finding> findings) {
    public CheckResult {
        paths = List.copyOf(paths);
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }

    /** One problem with one object, in words an operator can act on. */
    public record Finding(Problem problem, String detail) {
    }
}
