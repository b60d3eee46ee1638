package io.custodia.crossborder;

import java.util.EnumSet;
import java.util.Set;

/**
 * What reconciliation can find, with the default severity. Critical kinds make the run fail
 * (non-zero exit) unless the job file's {@code fail-on:} says otherwise.
 */
enum FindingKind {
    UNDECLARED_TRANSFER(Severity.CRITICAL, "egress evidence with no ledger entry"),
    UNDECLARED_REMOTE_ACCESS(Severity.CRITICAL, "remote access from abroad with no ledger entry"),
    UNDECLARED_SHARE_EXPORT(Severity.CRITICAL, "a share export abroad recorded in the evidence ledger with no ledger entry"),
    NO_EVIDENCE(Severity.WARNING, "ledger entry with no evidence that anything left"),
    RECORDS_MISMATCH(Severity.WARNING, "declared records differ from the evidence beyond the tolerance"),
    INDIVIDUALS_MISMATCH(Severity.WARNING, "declared individuals differ from the evidence beyond the tolerance"),
    BYTES_MISMATCH(Severity.WARNING, "declared bytes differ from the evidence beyond the tolerance"),
    COUNTRY_MISMATCH(Severity.CRITICAL, "the evidence went to another country than the ledger declares"),
    RECIPIENT_NOT_APPROVED(Severity.CRITICAL, "recipient not on the approved list"),
    COUNTRY_NOT_APPROVED(Severity.CRITICAL, "recipient approved, but not in this country"),
    PURPOSE_NOT_APPROVED(Severity.CRITICAL, "purpose not approved for this recipient"),
    HOST_NOT_REGISTERED(Severity.WARNING, "the evidence went to a host not registered for the recipient"),
    BASIS_MISSING(Severity.CRITICAL, "no legal basis recorded"),
    BASIS_UNKNOWN(Severity.CRITICAL, "a legal basis or exemption the rule set does not know"),
    BASIS_NOT_YET_EFFECTIVE(Severity.CRITICAL, "the legal basis takes effect after the transfer"),
    BASIS_EXPIRED(Severity.CRITICAL, "the legal basis expired before the transfer"),
    FILED_LATE(Severity.WARNING, "standard contract filed later than the rule set allows"),
    NOT_FILED(Severity.CRITICAL, "standard contract not filed although the filing deadline has passed"),
    SENSITIVE_WITHOUT_CONSENT(Severity.CRITICAL, "sensitive personal information without a separate-consent reference (PIPL Art. 29, 39)"),
    SENSITIVE_WITHOUT_PIA(Severity.CRITICAL, "sensitive personal information without an impact-assessment reference (PIPL Art. 55)"),
    MECHANISM_BELOW_REQUIRED(Severity.CRITICAL, "the year's volume requires a stronger mechanism than the one on file"),
    THRESHOLD_WARNING(Severity.WARNING, "the year's volume has reached the warning share of a threshold"),
    EVIDENCE_WITHOUT_SUBJECT_HASH(Severity.WARNING, "egress lines without a subject hash: individuals cannot be counted from them"),
    MALFORMED_LEDGER_ROW(Severity.CRITICAL, "a ledger row that cannot be read"),
    LEDGER_ROW_INCOMPLETE(Severity.CRITICAL, "a ledger row without a value the ledger must hold (seed 002 §15)"),
    DUPLICATE_TRANSFER_ID(Severity.CRITICAL, "two ledger rows with one transfer id"),
    MALFORMED_EVIDENCE_LINE(Severity.CRITICAL, "an egress log line that cannot be read");

    enum Severity {
        CRITICAL, WARNING;

        String label() {
            return name().toLowerCase();
        }
    }

    private final Severity severity;
    private final String description;

    FindingKind(Severity severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    Severity severity() {
        return severity;
    }

    String description() {
        return description;
    }

    /** The word used in job files and reports: {@code undeclared-transfer}. */
    String label() {
        return name().toLowerCase().replace('_', '-');
    }

    static Set<FindingKind> critical() {
        Set<FindingKind> out = EnumSet.noneOf(FindingKind.class);
        for (FindingKind k : values()) {
            if (k.severity == Severity.CRITICAL) {
                out.add(k);
            }
        }
        return out;
    }
}
