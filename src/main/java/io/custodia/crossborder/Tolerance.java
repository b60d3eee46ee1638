package io.custodia.crossborder;

/**
 * How far a declared quantity may stray from the evidence, as a share of the evidence: a ledger
 * row declaring 880 records against 1,000 egress lines is off by 12 %.
 */
record Tolerance(double records, double individuals, double bytes) {
    /** True when {@code declared} is further from {@code evidence} than {@code share} of the evidence. */
    static boolean exceeds(long declared, long evidence, double share) {
        return Math.abs(declared - evidence) > share * evidence;
    }

    static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format("%.0f", p) : String.format("%.2f", p)) + "%";
    }

    static String offBy(long declared, long evidence) {
        if (evidence == 0) {
            return "declared " + String.format("%,d", declared) + ", evidence 0";
        }
        double d = 100.0 * (declared - evidence) / evidence;
        return String.format("declared %,d, evidence %,d (%+.1f%%)", declared, evidence, d);
    }
}
