package io.custodia.crossborder;

import java.util.Comparator;

/**
 * One exception for the auditor. It names the ledger row (transfer id and file:line) and/or the
 * evidence (file:line of the first egress line, or the evidence-ledger entry), the legal entity,
 * and says what is wrong in counts, dates and references — never a personal value.
 */
record Finding(FindingKind kind, String transferId, String ledgerRow, String evidence, String legalEntity, String detail) {
    static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.kind().severity())
            .thenComparing(Finding::kind)
            .thenComparing(f -> f.transferId() == null ? "" : f.transferId())
            .thenComparing(f -> f.ledgerRow() == null ? "" : f.ledgerRow())
            .thenComparing(f -> f.evidence() == null ? "" : f.evidence());

    FindingKind.Severity severity() {
        return kind.severity();
    }
}
