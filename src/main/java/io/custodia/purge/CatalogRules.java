package io.custodia.purge;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.catalog.RetentionRule;
import io.custodia.config.ConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What purge needs from a catalog beyond what the catalog loader checks, found before any work
 * starts: registers with the columns it reads, and no required column that retention would have
 * to set to null while its row stays.
 */
final class CatalogRules {
    private CatalogRules() {
    }

    /** The datasets purge acts on: business data with a subject key or retention rules. */
    static List<Dataset> purgeable(Catalog catalog) {
        return catalog.withRole(DatasetRole.DATA).stream().filter(d -> d.hasSubjects() || !d.retention().isEmpty()).toList();
    }

    static void check(Catalog catalog) {
        for (Dataset ds : catalog.withRole(DatasetRole.ERASURE_REQUESTS)) {
            requireSubjectKey(ds);
            requireColumn(ds, SubjectRegisters.STATUS, Set.of(ColumnType.STRING));
            ds.column(SubjectRegisters.REQUESTED_AT).ifPresent(c -> requireType(ds, c, Set.of(ColumnType.DATE, ColumnType.TIMESTAMP)));
        }
        for (Dataset ds : catalog.withRole(DatasetRole.LEGAL_HOLDS)) {
            requireSubjectKey(ds);
            requireColumn(ds, SubjectRegisters.HELD_FROM, Set.of(ColumnType.DATE, ColumnType.TIMESTAMP));
            requireColumn(ds, SubjectRegisters.HELD_UNTIL, Set.of(ColumnType.DATE, ColumnType.TIMESTAMP));
        }
        for (Dataset ds : purgeable(catalog)) {
            LevelRetention retention = new LevelRetention(ds);
            Set<String> kept = new HashSet<>();
            ds.retention().stream().map(RetentionRule::anchorColumn).forEach(kept::add);
            if (ds.primaryKey() != null) {
                kept.add(ds.primaryKey());
            }
            if (ds.subjectKey() != null) {
                kept.add(ds.subjectKey());
            }
            boolean oneClock = retention.rowCanExpire() && ds.retention().stream().map(r -> r.keep() + "@" + r.anchorColumn()).distinct().count() == 1;
            for (Column c : ds.columns()) {
                boolean hasRule = ds.retention().stream().anyMatch(r -> r.level() == c.level());
                if (c.required() && !kept.contains(c.name()) && hasRule && !oneClock) {
                    throw new ConfigException(ds.declaredAt() + ": dataset '" + ds.name() + "': column '" + c.name()
                            + "' is required (never null) but its level " + c.level().label() + " can expire while the row is kept "
                            + "for another level; purge would have to set it to null. Make it optional, or give every level of "
                            + "the dataset the same retention");
                }
            }
        }
    }

    private static void requireSubjectKey(Dataset ds) {
        if (ds.subjectKey() == null) {
            throw new ConfigException(ds.declaredAt() + ": dataset '" + ds.name() + "' (role " + ds.role().label()
                    + ") needs a subject-key: purge reads the customers it names from it");
        }
    }

    private static void requireColumn(Dataset ds, String name, Set<ColumnType> types) {
        Column c = ds.column(name).orElseThrow(() -> new ConfigException(ds.declaredAt() + ": dataset '" + ds.name()
                + "' (role " + ds.role().label() + ") needs a column '" + name + "'; it has " + ds.columnNames()));
        requireType(ds, c, types);
    }

    private static void requireType(Dataset ds, Column c, Set<ColumnType> types) {
        if (!types.contains(c.type())) {
            throw new ConfigException(ds.declaredAt() + ": dataset '" + ds.name() + "': column '" + c.name() + "' is of type "
                    + c.type().label() + "; purge needs " + types.stream().map(ColumnType::label).sorted().toList());
        }
    }
}
