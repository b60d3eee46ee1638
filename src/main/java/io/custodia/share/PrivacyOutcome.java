package io.custodia.share;

import io.custodia.share.privacy.PrivacyAssessment;
import io.custodia.share.privacy.RiskFigures;
import java.util.List;
import java.util.Map;

/**
 * The privacy decision of one run as kept in the work directory and reported: figures before and
 * after suppression, what was suppressed, and why the export was refused (empty when it passes).
 */
public record PrivacyOutcome(String policySha256, long rowsRead, long candidates, RiskFigures before, RiskFigures after,
        long suppressedRecords, long suppressedClasses, long lDiversityClasses, long maxSuppressedRecords, List<String> refusals,
        Map<String, Long> rejectedInQuasiIdentifiers) {

    static PrivacyOutcome of(String policy, long rowsRead, PrivacyAssessment a, Map<String, Long> rejected) {
        return new PrivacyOutcome(policy, rowsRead, a.before().records(), a.before(), a.after(), a.suppressedRecords(), a.suppressedClasses(),
                a.lDiversityClasses(), a.maxSuppressedRecords(), a.refusals(), rejected);
    }

    /** The same figures, refused for {@code reason} (figures then describe only what was counted before counting stopped). */
    PrivacyOutcome refusedBecause(String reason) {
        return new PrivacyOutcome(policySha256, rowsRead, candidates, before, after, suppressedRecords, suppressedClasses, lDiversityClasses,
                maxSuppressedRecords, List.of(reason), rejectedInQuasiIdentifiers);
    }

    public boolean passed() {
        return refusals.isEmpty();
    }

    public double suppressionShare() {
        return candidates == 0 ? 0 : (double) suppressedRecords / candidates;
    }
}
