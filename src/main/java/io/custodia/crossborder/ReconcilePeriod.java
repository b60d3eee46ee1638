package io.custodia.crossborder;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The reconciliation period: from 1 January of the run date's year to the run date, inclusive, in
 * the job's time zone — the span the CAC thresholds count over. Also converts instants to local
 * dates quickly (one zone lookup per day, not per line).
 */
final class ReconcilePeriod {
    final LocalDate from;
    final LocalDate to;
    final ZoneId zone;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private LocalDate day;

    ReconcilePeriod(LocalDate runDate, ZoneId zone) {
        this.from = runDate.withDayOfYear(1);
        this.to = runDate;
        this.zone = zone;
    }

    int year() {
        return from.getYear();
    }

    boolean contains(LocalDate d) {
        return d != null && !d.isBefore(from) && !d.isAfter(to);
    }

    /** The local date of an instant; not thread-safe (one per worker). */
    LocalDate date(long millis) {
        if (millis < dayStart || millis >= dayEnd) {
            day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(millis), zone);
            dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
            dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return day;
    }

    @Override
    public String toString() {
        return from + " to " + to + " (" + zone + ")";
    }
}
