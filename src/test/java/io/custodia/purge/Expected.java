package io.custodia.purge;

import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.parquet.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What purge must do to a {@link PurgeCompany}, worked out here without the job's code: the
 * contract's retention rules written out by hand (customers: important and general 3 years, core 5
 * years from account_closed_at; orders 5 years from ordered_at; events 1 year; enquiries 2 years;
 * consents none), erasure requests taking every row of a customer, binding holds keeping them.
 */
final class Expected {
    /** Rows, values and customers destroyed (or held, or waiting) for one dataset and reason. */
    static final class Tally {
        long rowsDeleted;
        long rowsRedacted;
        final Map<String, long[]> levels = new TreeMap<>();
        final Set<String> subjects = new HashSet<>();

        void add(boolean deleted, long[] values, String subject) {
            if (deleted) {
                rowsDeleted++;
            } else {
                rowsRedacted++;
            }
            for (Level l : Level.values()) {
                if (values[l.ordinal()] > 0) {
                    long[] lv = levels.computeIfAbsent(l.label(), k -> new long[2]);
                    lv[0]++;
                    lv[1] += values[l.ordinal()];
                }
            }
            subjects.add(subject);
        }

        Count count() {
            Map<String, Count.LevelCount> m = new TreeMap<>();
            levels.forEach((k, v) -> m.put(k, new Count.LevelCount(v[0], v[1])));
            return new Count(rowsDeleted, rowsRedacted, subjects.size(), m);
        }
    }

    final Map<String, Map<String, Tally>> destroyed = new LinkedHashMap<>();
    final Map<String, Map<String, Tally>> held = new LinkedHashMap<>();
    final Map<String, Tally> awaiting = new LinkedHashMap<>();
    final Map<String, List<Row>> survivors = new LinkedHashMap<>();
    final Set<String> erased = new HashSet<>();
    final Set<String> touched = new HashSet<>();

    private final LocalDate today;

    Expected(PurgeCompany c, boolean erasureApproved) {
        this(c.catalog, c.rows, c.erasureApproved, c.held, PurgeCompany.RUN, erasureApproved);
    }

    /**
     * @param approvedErasure customers with an approved request dated on or before {@code today}
     * @param held            customers under a hold binding on {@code today}
     * @param erasureApproved whether erasure requests are executed (else they wait, retention still applies)
     */
    Expected(io.custodia.catalog.Catalog catalog, Map<String, List<Row>> rows, Set<String> approvedErasure, Set<String> held,
            LocalDate today, boolean erasureApproved) {
        this.today = today;
        for (String name : PurgeCompany.DATA) {
            Dataset ds = catalog.requireDataset(name);
            destroyed.put(name, new LinkedHashMap<>());
            this.held.put(name, new LinkedHashMap<>());
            awaiting.put(name, new Tally());
            List<Row> out = new ArrayList<>();
            for (Row original : rows.get(name)) {
                Row row = original.copy();
                String subject = (String) row.get("customer_id");
                boolean erase = approvedErasure.contains(subject);
                if (held.contains(subject)) {
                    Object[] would = erase ? new Object[] {"erasure-request", true, all(ds, row)} : retention(ds, row.copy());
                    if (would != null) {
                        this.held.get(name).computeIfAbsent((String) would[0], k -> new Tally()).add((Boolean) would[1], (long[]) would[2], subject);
                    }
                    out.add(row);
                    continue;
                }
                if (erase && erasureApproved) {
                    destroyed.get(name).computeIfAbsent("erasure-request", k -> new Tally()).add(true, all(ds, row), subject);
                    erased.add(subject);
                    touched.add(subject);
                    continue;
                }
                Object[] r = retention(ds, row);
                if (r != null) {
                    destroyed.get(name).computeIfAbsent("retention", k -> new Tally()).add((Boolean) r[1], (long[]) r[2], subject);
                    touched.add(subject);
                    if ((Boolean) r[1]) {
                        continue;
                    }
                }
                if (erase) {
                    awaiting.get(name).add(true, all(ds, row), subject);
                }
                out.add(row);
            }
            survivors.put(name, out);
        }
    }

    /** {reason, whole row?, values per level}, nulling the expired columns of {@code row} in place; null when nothing goes. */
    private Object[] retention(Dataset ds, Row row) {
        switch (ds.name()) {
            case "customers" -> {
                LocalDate closed = date(row.get("account_closed_at"));
                if (closed == null || today.isBefore(closed.plusYears(3))) {
                    return null;
                }
                if (!today.isBefore(closed.plusYears(5))) {
                    return new Object[] {"retention", true, all(ds, row)};
                }
                long[] values = new long[3];
                for (var col : ds.columns()) {
                    boolean expiredLevel = col.level() == Level.IMPORTANT || col.level() == Level.GENERAL;
                    boolean kept = col.name().equals("customer_id") || col.name().equals("account_closed_at");
                    if (expiredLevel && !kept && row.get(col.name()) != null) {
                        values[col.level().ordinal()]++;
                        row.set(col.name(), null);
                    }
                }
                return values[0] + values[1] + values[2] == 0 ? null : new Object[] {"retention", false, values};
            }
            case "orders" -> {
                return !today.isBefore(date(row.get("ordered_at")).plusYears(5)) ? new Object[] {"retention", true, all(ds, row)} : null;
            }
            case "events" -> {
                return !today.isBefore(date(row.get("occurred_at")).plusYears(1)) ? new Object[] {"retention", true, all(ds, row)} : null;
            }
            case "enquiries" -> {
                return !today.isBefore(date(row.get("created_at")).plusYears(2)) ? new Object[] {"retention", true, all(ds, row)} : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static long[] all(Dataset ds, Row row) {
        long[] values = new long[3];
        for (var col : ds.columns()) {
            if (row.get(col.name()) != null) {
                values[col.level().ordinal()]++;
            }
        }
        return values;
    }

    private static LocalDate date(Object v) {
        return v == null ? null : LocalDate.ofInstant((Instant) v, ZoneOffset.UTC);
    }

    Count destroyed(String dataset, String reason) {
        Tally t = destroyed.get(dataset).get(reason);
        return t == null ? null : t.count();
    }

    long rowsDestroyed() {
        return destroyed.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.rowsDeleted).sum();
    }

    long rowsRedacted() {
        return destroyed.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.rowsRedacted).sum();
    }
}
