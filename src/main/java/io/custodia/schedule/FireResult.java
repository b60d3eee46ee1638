package io.custodia.schedule;

/** What a fire came to. {@code executionId} is null when nothing was started. */
public record FireResult(Kind kind, Long executionId, String message) {
    public enum Kind {
        /** The run completed. */
        COMPLETED,
        /** The run for this fire had completed before: nothing was run again. */
        NOOP,
        /** The run failed or was stopped; it can be restarted. */
        FAILED,
        /** The job file was being run by someone else (overlap): nothing was started. */
        REFUSED,
        /** A missed fire not run late, by its misfire policy. */
        SKIPPED
    }

    public boolean ok() {
        return kind == Kind.COMPLETED || kind == Kind.NOOP || kind == Kind.SKIPPED;
    }

    public String word() {
        return kind.name().toLowerCase();
    }
}
