package io.custodia.purge;

/**
 * What the registers held on the run date, as counts: erasure requests approved (and applied),
 * not approved, or dated after the run date; legal holds binding, ended, or not yet started; and
 * the distinct customers each set names.
 */
public record RegisterCounts(long erasureApproved, long erasureNotApproved, long erasureAfterRunDate, long erasureSubjects,
        long holdsBinding, long holdsEnded, long holdsNotYetStarted, long heldSubjects) {
}
