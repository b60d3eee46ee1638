package io.custodia.purge;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one kind of destruction (a reason, the held rows, the rows awaiting approval) in a file
 * or a dataset: whole rows destroyed, rows that lost the values of an expired level, distinct
 * subjects, and per level the rows that lost a value of that level and how many values.
 */
public record Count(long rowsDeleted, long rowsRedacted, long subjects, Map<String, LevelCount> levels) {
    public static final Count ZERO = new Count(0, 0, 0, Map.of());

    public Count {
        levels = levels == null ? Map.of() : new TreeMap<>(levels);
    }

    /** Rows that lost anything. */
    public long rows() {
        return rowsDeleted + rowsRedacted;
    }

    public long values() {
        return levels.values().stream().mapToLong(LevelCount::values).sum();
    }

    public boolean zero() {
        return rowsDeleted == 0 && rowsRedacted == 0;
    }

    /** The same counts, ignoring subjects (which the plan counts by fingerprint and the execution by keyed hash). */
    public boolean sameRowsAndValues(Count o) {
        return rowsDeleted == o.rowsDeleted && rowsRedacted == o.rowsRedacted && levels.equals(o.levels);
    }

    /** Sum of two counts (subjects summed: distinct only within each). */
    public Count plus(Count o) {
        Map<String, LevelCount> l = new TreeMap<>(levels);
        o.levels.forEach((k, v) -> l.merge(k, v, (a, b) -> new LevelCount(a.rows + b.rows, a.values + b.values)));
        return new Count(rowsDeleted + o.rowsDeleted, rowsRedacted + o.rowsRedacted, subjects + o.subjects, l);
    }

    public record LevelCount(long rows, long values) {
    }
}
