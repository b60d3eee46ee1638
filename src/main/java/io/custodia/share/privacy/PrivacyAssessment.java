package io.custodia.share.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The k-anonymity (and optional distinct l-diversity) decision over an export's equivalence
 * classes, taken before anything is published: which classes are suppressed, the risk figures
 * before and after, and whether the export may go out at all.
 *
 * <p>A class is suppressed when it has fewer than k records, or (with l-diversity) fewer than l
 * distinct values of the sensitive attribute. Suppression removes whole classes, so every class
 * that remains keeps its size: the published records are k-anonymous by construction. When more
 * than {@code maxSuppression} of the records would have to go, or the remaining records' average
 * risk is above the limit, or nothing would remain, the export is refused (fails closed).
 *
 * @param before            figures over all candidate records
 * @param after             figures over the records that would be published
 * @param suppressedRecords records left out
 * @param suppressedClasses classes left out
 * @param lDiversityClasses of those, classes large enough for k but without l distinct sensitive values
 * @param refusals          why the export may not go out; empty when it may
 * @param suppressed        the fingerprints of the suppressed classes (null when refused)
 */
public record PrivacyAssessment(PrivacyModel model, RiskFigures before, RiskFigures after, long suppressedRecords, long suppressedClasses,
        long lDiversityClasses, List<String> refusals, FingerprintSet suppressed) {

    public boolean passed() {
        return refusals.isEmpty();
    }

    public double suppressionShare() {
        return before.records() == 0 ? 0 : (double) suppressedRecords / before.records();
    }

    public long maxSuppressedRecords() {
        return (long) Math.floor(model.maxSuppression() * before.records());
    }

    public static PrivacyAssessment assess(ClassCounts classes, PrivacyModel model) {
        if (model.l() > 0 && classes.l() < model.l()) {
            throw new IllegalArgumentException("classes track " + classes.l() + " sensitive values, l-diversity needs " + model.l());
        }
        RiskFigures.Builder before = new RiskFigures.Builder(model.riskThreshold());
        RiskFigures.Builder after = new RiskFigures.Builder(model.riskThreshold());
        long[] sup = new long[3]; // records, classes, l-diversity classes
        classes.forEach((hi, lo, n, distinct) -> {
            before.add(n);
            boolean small = n < model.k();
            boolean notDiverse = model.l() > 0 && distinct < model.l();
            if (small || notDiverse) {
                sup[0] += n;
                sup[1]++;
                if (!small) {
                    sup[2]++;
                }
            } else {
                after.add(n);
            }
        });
        RiskFigures b = before.build();
        RiskFigures a = after.build();
        List<String> refusals = new ArrayList<>();
        long limit = (long) Math.floor(model.maxSuppression() * b.records());
        if (b.records() == 0) {
            refusals.add("no records to share: the source has none that pass the row filter");
        } else if (sup[0] > limit) {
            refusals.add(String.format("k-anonymity with k=%d%s needs %,d of %,d records (%.2f%%) suppressed, above the limit of %,d (%.2f%%)",
                    model.k(), model.l() > 0 ? " and l-diversity with l=" + model.l() : "", sup[0], b.records(),
                    100.0 * sup[0] / b.records(), limit, 100 * model.maxSuppression()));
        } else if (a.records() == 0) {
            refusals.add("no record would remain after suppression");
        }
        if (refusals.isEmpty() && model.maxAverageRisk() != null && a.averageRisk() > model.maxAverageRisk()) {
            refusals.add(String.format("average prosecutor risk %.4f of the published records is above the limit %.4f",
                    a.averageRisk(), model.maxAverageRisk()));
        }
        FingerprintSet set = null;
        if (refusals.isEmpty()) {
            set = new FingerprintSet((int) Math.min(Integer.MAX_VALUE / 2, sup[1]));
            FingerprintSet s = set;
            classes.forEach((hi, lo, n, distinct) -> {
                if (n < model.k() || (model.l() > 0 && distinct < model.l())) {
                    s.add(hi, lo);
                }
            });
        }
        return new PrivacyAssessment(model, b, a, sup[0], sup[1], sup[2], List.copyOf(refusals), set);
    }
}
