package io.custodia.purge;

import io.custodia.catalog.Column;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.catalog.RetentionRule;
import io.custodia.parquet.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a dataset's per-level retention rules apply to one row (seed 001 5.2: each level has its own
 * storage period, "到期后启动销毁流程" — destroy when it ends).
 *
 * <ul>
 *   <li>A level has <b>expired</b> in a row when its rule's anchor value is set and the run date is on
 *       or after anchor date (UTC) + keep. A null anchor means the clock has not started (an open
 *       account): nothing expires.</li>
 *   <li>When every level that has columns in the dataset has a rule and all have expired, the
 *       <b>row is destroyed</b>.</li>
 *   <li>Otherwise the values of the expired levels are <b>destroyed in place</b> (set to null) and the
 *       row stays for the levels still within their period. Keeping a customer's name 5 years because
 *       the card number must be kept 5 years would keep important data past its own period, which 5.2
 *       forbids; destroying the card number after 3 years would cut the core period short.</li>
 *   <li>Three kinds of column stay while the row stays, whatever their level: the primary key, the
 *       subject key (the retained values are meaningless without them) and every retention anchor (the
 *       clock of the levels still running; nulling it would stop the clock and keep them forever).
 *       Seed 001 7.1 destroys data whose period is over "and is no longer needed"; these still are.</li>
 *   <li>A level with columns but no rule is kept until an erasure request: the row is never destroyed
 *       by retention.</li>
 * </ul>
 */
final class LevelRetention {
    private final Dataset dataset;
    private final Map<Level, RetentionRule> rules = new EnumMap<>(Level.class);
    private final int[] anchorIndex;
    private final Level[] ruleLevel;
    private final Period[] keep;
    private final Set<Level> present = EnumSet.noneOf(Level.class);
    private final int presentMask;
    private final boolean rowCanExpire;
    /** For each subset of expired levels (bit mask over Level ordinals): the columns to null. */
    private final int[][] nullable = new int[1 << Level.values().length][];
    private final Level[] columnLevel;
    /**
     * The last run date's cutoffs: a classifier asks with one run date all its life. Not volatile:
     * the record is immutable, so a racing thread at worst computes them again.
     */
    private Cutoffs cutoffs;

    /** Per rule, the last anchor day (epoch day, UTC) whose period has ended on {@code runDate}. */
    private record Cutoffs(LocalDate runDate, long[] lastExpiredDay) {
    }

    LevelRetention(Dataset dataset) {
        this.dataset = dataset;
        List<String> names = dataset.columnNames();
        columnLevel = new Level[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Column c = dataset.columns().get(i);
            columnLevel[i] = c.level();
            present.add(c.level());
        }
        List<RetentionRule> list = dataset.retention();
        anchorIndex = new int[list.size()];
        ruleLevel = new Level[list.size()];
        keep = new Period[list.size()];
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            RetentionRule r = list.get(i);
            rules.put(r.level(), r);
            anchorIndex[i] = names.indexOf(r.anchorColumn());
            ruleLevel[i] = r.level();
            keep[i] = r.keep();
            kept.add(r.anchorColumn());
        }
        if (dataset.primaryKey() != null) {
            kept.add(dataset.primaryKey());
        }
        if (dataset.subjectKey() != null) {
            kept.add(dataset.subjectKey());
        }
        rowCanExpire = !rules.isEmpty() && rules.keySet().containsAll(present);
        int m = 0;
        for (Level l : present) {
            m |= 1 << l.ordinal();
        }
        presentMask = m;
        for (int mask = 0; mask < nullable.length; mask++) {
            List<Integer> cols = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if ((mask & (1 << columnLevel[i].ordinal())) != 0 && !kept.contains(names.get(i))) {
                    cols.add(i);
                }
            }
            nullable[mask] = cols.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    /** True when retention alone can ever destroy a whole row of this dataset. */
    boolean rowCanExpire() {
        return rowCanExpire;
    }

    Set<Level> levelsPresent() {
        return present;
    }

    Set<Level> levelsWithoutRule() {
        Set<Level> s = EnumSet.copyOf(present);
        s.removeAll(rules.keySet());
        return s;
    }

    /** The columns whose values start the clocks; of the others, retention reads nothing. */
    Set<String> anchorColumns() {
        Set<String> s = new HashSet<>();
        rules.values().forEach(r -> s.add(r.anchorColumn()));
        return s;
    }

    Level levelOf(int column) {
        return columnLevel[column];
    }

    /**
     * Bit mask (over Level ordinals) of the levels whose period has ended on {@code runDate}: those
     * whose anchor is on or before their rule's cutoff. One comparison of day numbers per rule
     * instead of date arithmetic on every row.
     */
    int expiredMask(Row row, LocalDate runDate) {
        long[] last = cutoffs(runDate);
        int mask = 0;
        for (int i = 0; i < anchorIndex.length; i++) {
            // the UTC day, as dateOf gives it; anything else (null) has not started the clock
            Object anchor = row.get(anchorIndex[i]);
            long day;
            if (anchor instanceof Instant t) {
                day = Math.floorDiv(t.getEpochSecond(), 86400);
            } else if (anchor instanceof LocalDate d) {
                day = d.toEpochDay();
            } else {
                continue;
            }
            if (day <= last[i]) {
                mask |= 1 << ruleLevel[i].ordinal();
            }
        }
        return mask;
    }

    private long[] cutoffs(LocalDate runDate) {
        Cutoffs c = cutoffs;
        if (c == null || !c.runDate().equals(runDate)) {
            long[] last = new long[keep.length];
            for (int i = 0; i < keep.length; i++) {
                last[i] = lastExpired(runDate, keep[i]).toEpochDay();
            }
            c = new Cutoffs(runDate, last);
            cutoffs = c;
        }
        return c.lastExpiredDay();
    }

    /**
     * The last anchor date whose period {@code keep} has ended on {@code runDate}: the largest C with
     * C + keep on or before runDate. "anchor + keep on or before runDate" holds exactly for anchors up
     * to C, because d -> d + keep never decreases as d grows. {@code runDate - keep} is within a few
     * days of C (month ends clamp differently forwards and backwards), so a few steps make it exact.
     */
    static LocalDate lastExpired(LocalDate runDate, Period keep) {
        LocalDate c = runDate.minus(keep);
        while (c.plus(keep).isAfter(runDate)) {
            c = c.minusDays(1);
        }
        while (!c.plusDays(1).plus(keep).isAfter(runDate)) {
            c = c.plusDays(1);
        }
        return c;
    }

    /** The whole row goes: every level present has a rule and all of them have expired. */
    boolean rowExpired(int expiredMask) {
        return rowCanExpire && (expiredMask & presentMask) == presentMask;
    }

    /** Columns whose values are destroyed in place when the levels in {@code expiredMask} have expired. */
    int[] columnsToNull(int expiredMask) {
        return nullable[expiredMask];
    }

    static LocalDate dateOf(Object v) {
        if (v instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        return null;
    }

    Dataset dataset() {
        return dataset;
    }
}
