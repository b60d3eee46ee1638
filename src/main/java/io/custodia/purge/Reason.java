package io.custodia.purge;

/**
 * Why data is destroyed. Each reason is approved separately: {@code retention} by the retention
 * policy itself when the job file says {@code auto-approve: policy}, {@code erasure-request} by the
 * approved request in the erasure register when it says {@code erasure-requests}, otherwise by a
 * named approver ({@code custodia purge approve}).
 */
public enum Reason {
    /** A level's retention period (catalog {@code retention:}) has run out (seed 001 5.2, 7.1). */
    RETENTION("retention", "policy", 'R'),
    /** The customer asked for erasure and the request is approved (PIPL Art. 47). */
    ERASURE_REQUEST("erasure-request", "erasure-requests", 'E');

    private final String label;
    private final String autoApproveWord;
    private final char code;

    Reason(String label, String autoApproveWord, char code) {
        this.label = label;
        this.autoApproveWord = autoApproveWord;
        this.code = code;
    }

    public String label() {
        return label;
    }

    /** The word that pre-approves this reason in a job file's {@code auto-approve:} list. */
    public String autoApproveWord() {
        return autoApproveWord;
    }

    public char code() {
        return code;
    }

    public static Reason ofLabel(String label) {
        for (Reason r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown destruction reason '" + label + "'");
    }
}
