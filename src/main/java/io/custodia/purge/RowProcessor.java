package io.custodia.purge;

import io.custodia.parquet.Row;

/**
 * The one place that turns a row into what survives of it, in a scope, counting as it goes. The
 * planner and the rewriter both call it, so the plan's counts and the execution's are the same
 * computation on the same input.
 */
final class RowProcessor {
    /** Told about every destruction (the rewriter records keyed hashes of the subjects). */
    interface Sink {
        void destroyed(String subject, Destruction d);
    }

    private final RowClassifier classifier;
    private final boolean erasureInScope;
    private final boolean retentionInScope;
    private final Sink sink;

    RowProcessor(RowClassifier classifier, Scope scope, Sink sink) {
        this.classifier = classifier;
        this.erasureInScope = scope.has(Reason.ERASURE_REQUEST);
        this.retentionInScope = scope.has(Reason.RETENTION);
        this.sink = sink;
    }

    /** The row to write (possibly with values nulled in place), or null when the whole row goes. */
    Row process(Row row, Outcome.Builder out) {
        out.rowsIn++;
        String subject = classifier.subject(row);
        int standing = classifier.standing(subject);
        boolean erasureRequested = (standing & SubjectRegisters.ERASURE_REQUESTED) != 0;
        if ((standing & SubjectRegisters.HELD) != 0) {
            Destruction would = classifier.destruction(row, erasureRequested, true);
            if (would != null) {
                out.held(would.reason()).add(would, subject);
            }
            out.rowsOut++;
            return row;
        }
        Destruction d = classifier.destruction(row, erasureInScope && erasureRequested, retentionInScope);
        if (d != null) {
            out.destroyed(d.reason()).add(d, subject);
            if (sink != null) {
                sink.destroyed(subject, d);
            }
            if (d.rowDeleted()) {
                return null;
            }
            for (int c : d.nulledColumns()) {
                row.set(c, null);
            }
        }
        if (!erasureInScope && erasureRequested) {
            out.awaiting.add(classifier.whole(row, Reason.ERASURE_REQUEST), subject);
        }
        out.rowsOut++;
        return row;
    }
}
