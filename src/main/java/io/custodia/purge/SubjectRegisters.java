package io.custodia.purge;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * The customers whose data an execution must erase or must keep, read from the catalog's registers:
 * datasets of role {@code erasure-requests} (a row with {@code status} "approved", requested on or
 * before the run date, asks to erase its subject everywhere) and {@code legal-holds} (a hold binds
 * from {@code held_from} to {@code held_until} inclusive; an empty bound is open). Subject keys are
 * held in memory only, never written anywhere.
 */
final class SubjectRegisters {
    static final String STATUS = "status";
    static final String APPROVED = "approved";
    static final String REQUESTED_AT = "requested_at";
    static final String HELD_FROM = "held_from";
    static final String HELD_UNTIL = "held_until";

    /** {@link #standing} bits. */
    static final int HELD = 1;
    static final int ERASURE_REQUESTED = 2;

    private final Set<String> erasure = new HashSet<>();
    private final Set<String> held = new HashSet<>();
    /** Both registers in one map: a row is classified with one look-up, not two or three. */
    private final Map<String, Integer> standing = new HashMap<>();
    private final RegisterCounts counts;

    private SubjectRegisters(Catalog catalog, LocalDate runDate, Configuration conf) {
        long approved = 0;
        long notApproved = 0;
        long future = 0;
        for (Dataset ds : catalog.withRole(DatasetRole.ERASURE_REQUESTS)) {
            for (FileStatus f : DatasetFiles.list(ds)) {
                try (RowReader r = DatasetFiles.open(ds, f.getPath(), conf)) {
                    boolean hasRequested = r.schema().has(REQUESTED_AT);
                    for (Row row = r.next(); row != null; row = r.next()) {
                        String status = row.getString(STATUS);
                        LocalDate requested = hasRequested ? LevelRetention.dateOf(row.get(REQUESTED_AT)) : null;
                        if (status == null || !status.strip().equalsIgnoreCase(APPROVED)) {
                            notApproved++;
                        } else if (requested != null && requested.isAfter(runDate)) {
                            future++;
                        } else {
                            approved++;
                            erasure.add(row.getString(ds.subjectKey()));
                        }
                    }
                }
            }
        }
        long binding = 0;
        long ended = 0;
        long notYet = 0;
        for (Dataset ds : catalog.withRole(DatasetRole.LEGAL_HOLDS)) {
            for (FileStatus f : DatasetFiles.list(ds)) {
                try (RowReader r = DatasetFiles.open(ds, f.getPath(), conf)) {
                    for (Row row = r.next(); row != null; row = r.next()) {
                        LocalDate from = LevelRetention.dateOf(row.get(HELD_FROM));
                        LocalDate until = LevelRetention.dateOf(row.get(HELD_UNTIL));
                        if (from != null && from.isAfter(runDate)) {
                            notYet++;
                        } else if (until != null && until.isBefore(runDate)) {
                            ended++;
                        } else {
                            binding++;
                            held.add(row.getString(ds.subjectKey()));
                        }
                    }
                }
            }
        }
        counts = new RegisterCounts(approved, notApproved, future, erasure.size(), binding, ended, notYet, held.size());
        erasure.forEach(k -> standing.merge(k, ERASURE_REQUESTED, (a, b) -> a | b));
        held.forEach(k -> standing.merge(k, HELD, (a, b) -> a | b));
    }

    /** What the registers say of a subject: {@link #HELD} and {@link #ERASURE_REQUESTED} bits, 0 for none. */
    int standing(String subject) {
        return subject == null ? 0 : standing.getOrDefault(subject, 0);
    }

    static SubjectRegisters load(Catalog catalog, LocalDate runDate, Configuration conf) {
        return new SubjectRegisters(catalog, runDate, conf);
    }

    /** Subjects with an approved request that are not under a binding hold. */
    Set<String> erasableSubjects() {
        Set<String> s = new HashSet<>(erasure);
        s.removeAll(held);
        return s;
    }

    RegisterCounts counts() {
        return counts;
    }
}
