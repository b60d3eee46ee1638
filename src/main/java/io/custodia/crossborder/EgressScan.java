package io.custodia.crossborder;

import java.util.List;

/**
 * What one worker learned from one egress log file, written beside its sorted runs as JSON: per
 * group of lines (same object, destination, channel, assigned ledger row) the counts, time span and
 * first line; the malformed lines (the first few by location, all by count). No subject hash.
 */
record EgressScan(String file, long lines, long inPeriod, long outOfPeriod, long malformed, List<Malformed> malformedShown,
        List<String> runs, long pairs, List<Group> groups) {

    /** A line that could not be read: where, and what is wrong (never the value). */
    record Malformed(String location, String problem) {
    }

    /**
     * Lines sharing object, destination host and country, channel, remote-access flag and ledger row
     * ({@code row} -1: no ledger row names the object; then {@code year} is the lines' year).
     */
    record Group(String object, String host, String country, String channel, boolean remote, int row, String transferId, int year,
            long lines, long bytes, long linesWithBytes, long withoutHash, long firstMillis, String firstLocation, long lastMillis) {

        Key key() {
            return new Key(object, host, country, channel, remote, row, year);
        }
    }

    record Key(String object, String host, String country, String channel, boolean remote, int row, int year) {
    }
}
