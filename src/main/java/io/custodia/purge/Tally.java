package io.custodia.purge;

import io.custodia.catalog.Level;
import io.custodia.util.LongHashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accumulates a {@link Count}; distinct subjects over 64-bit fingerprints held in memory only. */
final class Tally {
    private long rowsDeleted;
    private long rowsRedacted;
    private final long[] levelRows = new long[Level.values().length];
    private final long[] levelValues = new long[Level.values().length];
    private final LongHashSet subjects = new LongHashSet();

    void add(Destruction d, String subject) {
        if (d.rowDeleted()) {
            rowsDeleted++;
        } else {
            rowsRedacted++;
        }
        for (int l = 0; l < levelRows.length; l++) {
            if (d.levelValues()[l] > 0) {
                levelRows[l]++;
                levelValues[l] += d.levelValues()[l];
            }
        }
        if (subject != null) {
            subjects.add(LongHashSet.fingerprint(subject));
        }
    }

    void merge(Tally o) {
        rowsDeleted += o.rowsDeleted;
        rowsRedacted += o.rowsRedacted;
        for (int l = 0; l < levelRows.length; l++) {
            levelRows[l] += o.levelRows[l];
            levelValues[l] += o.levelValues[l];
        }
        subjects.addAll(o.subjects);
    }

    boolean isEmpty() {
        return rowsDeleted == 0 && rowsRedacted == 0;
    }

    Count count() {
        Map<String, Count.LevelCount> levels = new LinkedHashMap<>();
        for (Level l : Level.values()) {
            if (levelRows[l.ordinal()] > 0) {
                levels.put(l.label(), new Count.LevelCount(levelRows[l.ordinal()], levelValues[l.ordinal()]));
            }
        }
        return new Count(rowsDeleted, rowsRedacted, subjects.size(), levels);
    }
}
