package io.custodia.purge;

import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.parquet.Row;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides what a row of one dataset loses in a scope, ignoring holds (the caller applies them):
 * an approved erasure request takes the whole row (the customer asked; everything goes, whatever
 * the retention clock says); otherwise the retention rules of {@link LevelRetention} apply.
 */
final class RowClassifier {
    private static final int[] NONE = new int[0];
    private final LevelRetention retention;
    private final SubjectRegisters registers;
    private final LocalDate runDate;
    private final int subjectIndex;
    private final String subjectKey;
    private final int levels = Level.values().length;

    RowClassifier(Dataset dataset, SubjectRegisters registers, LocalDate runDate) {
        this.retention = new LevelRetention(dataset);
        this.registers = registers;
        this.runDate = runDate;
        this.subjectKey = dataset.subjectKey();
        this.subjectIndex = dataset.subjectKey() == null ? -1 : dataset.columnNames().indexOf(dataset.subjectKey());
    }

    /**
     * The columns whose values a decision reads (subject key, retention anchors). Of every other
     * column only whether it is null matters, so a reader may skip their values
     * ({@link io.custodia.parquet.Row#NOT_READ}).
     */
    Set<String> columnsRead() {
        Set<String> s = new HashSet<>(retention.anchorColumns());
        if (subjectKey != null) {
            s.add(subjectKey);
        }
        return s;
    }

    String subject(Row row) {
        if (subjectIndex < 0) {
            return null;
        }
        Object v = row.get(subjectIndex);
        return v == null ? null : v.toString();
    }

    /** {@link SubjectRegisters#standing}: whether the subject is held, whether it asked to be erased. */
    int standing(String subject) {
        return registers.standing(subject);
    }

    /**
     * The destruction this row undergoes, or null when it keeps everything: by erasure when
     * {@code erase} (the subject asked and the scope allows it), else by retention when
     * {@code retain} (the scope allows it).
     */
    Destruction destruction(Row row, boolean erase, boolean retain) {
        if (erase) {
            return whole(row, Reason.ERASURE_REQUEST);
        }
        if (retain && retention.hasRules()) {
            int expired = retention.expiredMask(row, runDate);
            if (expired == 0) {
                return null;
            }
            if (retention.rowExpired(expired)) {
                return whole(row, Reason.RETENTION);
            }
            int[] candidates = retention.columnsToNull(expired);
            int n = 0;
            for (int c : candidates) {
                if (row.get(c) != null) {
                    n++;
                }
            }
            if (n == 0) {
                return null;
            }
            int[] nulled = new int[n];
            long[] values = new long[levels];
            int k = 0;
            for (int c : candidates) {
                if (row.get(c) != null) {
                    nulled[k++] = c;
                    values[retention.levelOf(c).ordinal()]++;
                }
            }
            return new Destruction(Reason.RETENTION, false, nulled, values);
        }
        return null;
    }

    /** The whole row goes: every non-null value counts at its level. */
    Destruction whole(Row row, Reason reason) {
        long[] values = new long[levels];
        for (int i = 0; i < row.schema().size(); i++) {
            if (row.get(i) != null) {
                values[retention.levelOf(i).ordinal()]++;
            }
        }
        return new Destruction(reason, true, NONE, values);
    }

    LevelRetention retention() {
        return retention;
    }
}
