package io.custodia.share.privacy;

/**
 * The privacy thresholds of a sharing policy.
 *
 * @param k              every published record shares its quasi-identifier values with at least k-1 others
 * @param maxSuppression the largest share of records (0–1) that may be left out to reach k (and l);
 *                       beyond it the export fails closed
 * @param riskThreshold  prosecutor risk above which a record counts as "at risk" in the figures
 * @param maxAverageRisk fail closed when the published records' average prosecutor risk exceeds this (null: no limit)
 * @param l              distinct values of the sensitive attribute each class must hold (0: no l-diversity)
 */
public record PrivacyModel(int k, double maxSuppression, double riskThreshold, Double maxAverageRisk, int l) {
    public PrivacyModel {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (maxSuppression < 0 || maxSuppression >= 1) {
            throw new IllegalArgumentException("max-suppression must be in [0, 1)");
        }
        if (riskThreshold <= 0 || riskThreshold > 1) {
            throw new IllegalArgumentException("risk-threshold must be in (0, 1]");
        }
        if (maxAverageRisk != null && (maxAverageRisk <= 0 || maxAverageRisk > 1)) {
            throw new IllegalArgumentException("max-average-risk must be in (0, 1]");
        }
        if (l < 0) {
            throw new IllegalArgumentException("l must be >= 0");
        }
    }

    /**
     * The most equivalence classes any export of {@code records} records could have and still pass:
     * kept classes have at least k records each, and at most {@code maxSuppression × records}
     * records (so classes) are suppressed. More classes than this means the export must fail, so
     * counting can stop there: the bound that keeps the class table's memory proportional to what
     * could be published, not to the input.
     */
    public long maxPassingClasses(long records) {
        return records / k + (long) Math.floor(maxSuppression * records) + 1;
    }
}
