package io.custodia.share.privacy;

/**
 * Re-identification risk figures of a set of records under the prosecutor model (the attacker knows
 * the target is in the data), as ARX reports them. A record's risk is 1 / the size of its class.
 *
 * @param records          records counted
 * @param classes          equivalence classes (distinct quasi-identifier tuples)
 * @param smallestClass    records in the smallest class (0 when there are none)
 * @param largestClass     records in the largest class
 * @param uniqueRecords    records alone in their class
 * @param recordsAtRisk    records whose risk exceeds the threshold
 * @param riskThreshold    the threshold used for {@code recordsAtRisk}
 * @param highestRisk      1 / smallest class
 * @param averageRisk      mean of the records' risks = classes / records
 */
public record RiskFigures(long records, long classes, long smallestClass, long largestClass, long uniqueRecords, long recordsAtRisk,
        double riskThreshold, double highestRisk, double averageRisk) {

    /** Share of records that are unique in the data (ARX "sample uniqueness"). */
    public double sampleUniqueness() {
        return records == 0 ? 0 : (double) uniqueRecords / records;
    }

    public double recordsAtRiskShare() {
        return records == 0 ? 0 : (double) recordsAtRisk / records;
    }

    /** Accumulates class sizes. */
    static final class Builder {
        private final double threshold;
        private long records;
        private long classes;
        private long smallest = Long.MAX_VALUE;
        private long largest;
        private long unique;
        private long atRisk;

        Builder(double threshold) {
            this.threshold = threshold;
        }

        void add(int size) {
            records += size;
            classes++;
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
            if (size == 1) {
                unique++;
            }
            if (1.0 / size > threshold) {
                atRisk += size;
            }
        }

        RiskFigures build() {
            long s = classes == 0 ? 0 : smallest;
            return new RiskFigures(records, classes, s, largest, unique, atRisk, threshold, s == 0 ? 0 : 1.0 / s,
                    records == 0 ? 0 : (double) classes / records);
        }
    }
}
