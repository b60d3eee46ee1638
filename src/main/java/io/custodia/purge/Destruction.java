package io.custodia.purge;

import io.custodia.catalog.Level;

/**
 * What one row loses, and why: the whole row, or the values of the columns listed (set to null).
 * {@code levelValues[level.ordinal()]} counts the non-null values destroyed at each level.
 */
record Destruction(Reason reason, boolean rowDeleted, int[] nulledColumns, long[] levelValues) {
    int levelMask() {
        int mask = 0;
        for (Level l : Level.values()) {
            if (levelValues[l.ordinal()] > 0) {
                mask |= 1 << l.ordinal();
            }
        }
        return mask;
    }
}
