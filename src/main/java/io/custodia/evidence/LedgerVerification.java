package io.custodia.evidence;

/**
 * The outcome of checking a ledger: how many entries were good and, if any was not, the first bad
 * one (line number and sequence number) with what is wrong with it.
 */
public record LedgerVerification(long goodEntries, Integer firstBadLine, Long firstBadSeq, String problem) {
    public boolean ok() {
        return problem == null;
    }

    public String describe() {
        if (ok()) {
            return "ledger OK: " + goodEntries + " entries, hash chain and signatures valid";
        }
        return "ledger BROKEN at " + (firstBadLine == null ? "the end" : "line " + firstBadLine)
                + (firstBadSeq == null ? "" : " (entry " + firstBadSeq + ")") + ": " + problem
                + " — " + goodEntries + " entries before it are intact";
    }
}
