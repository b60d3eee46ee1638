package io.custodia.backup.restore;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.ErasureRecord;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.LedgerEntry;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.storage.Storage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;

/**
 * The customers a restore must not bring back, as keyed subject hashes: those with an
 * {@code erasure.record} in the evidence ledger (the purge job destroyed their data) dated after
 * the set was taken, and those with an approved erasure request in the catalog's erasure-requests
 * dataset dated after the set — unless a legal hold in the catalog's legal-holds dataset is active
 * on the restore date (a hold overrides a request; it never overrides a completed destruction).
 */
public final class Erasures {
    /** Request statuses that mean the erasure was decided. */
    static final Set<String> DECIDED = Set.of("approved", "completed", "done", "executed", "erased");

    /** Why a subject is removed: when it was erased and from which source. */
    public record Erased(String subjectHash, Instant at, String source) {
    }

    private final Map<String, Erased> erased = new HashMap<>();
    private final Set<String> erasedBeforeSet = new HashSet<>();
    private final Set<String> keptForLegalHold = new HashSet<>();
    private int ledgerRecords;
    private int requestsRead;
    private boolean requestsConsulted;

    public static Erasures collect(EvidenceLedger ledger, SignatureVerifier verifier, SubjectHasher hasher, Catalog catalog, Instant setTakenAt,
            LocalDate today) {
        Erasures e = new Erasures();
        for (LedgerEntry entry : ledger.entriesOfType(verifier, EntryTypes.ERASURE_RECORD)) {
            ErasureRecord r = ErasureRecord.fromBody(entry.body());
            e.ledgerRecords++;
            if (r.erasedAt().isAfter(setTakenAt)) {
                e.erased.merge(r.subjectHash(), new Erased(r.subjectHash(), r.erasedAt(), "erasure record " + r.certificate() + " (" + r.reason() + ")"),
                        (a, b) -> a.at().isBefore(b.at()) ? a : b);
            } else {
                e.erasedBeforeSet.add(r.subjectHash());
            }
        }
        if (catalog != null) {
            e.requestsConsulted = true;
            Set<String> held = held(catalog, hasher, today);
            for (Dataset d : catalog.withRole(DatasetRole.ERASURE_REQUESTS)) {
                int subject = d.columnNames().indexOf(d.subjectKey());
                int at = d.columnNames().indexOf("requested_at");
                int status = d.columnNames().indexOf("status");
                if (subject < 0 || at < 0) {
                    throw new IllegalStateException(d.declaredAt() + ": erasure-requests dataset '" + d.name()
                            + "' needs a subject key and a requested_at column to be applied on restore");
                }
                for (FileStatus f : DatasetFiles.list(d)) {
                    try (RowReader reader = DatasetFiles.open(d, f.getPath(), Storage.configuration())) {
                        Row row;
                        while ((row = reader.next()) != null) {
                            e.requestsRead++;
                            Object s = row.get(subject);
                            Object t = row.get(at);
                            String st = status < 0 || row.get(status) == null ? "approved" : row.get(status).toString().toLowerCase(Locale.ROOT);
                            if (s == null || !(t instanceof Instant when) || !DECIDED.contains(st) || !when.isAfter(setTakenAt)) {
                                continue;
                            }
                            String hash = hasher.hash(s.toString());
                            if (held.contains(hash)) {
                                e.keptForLegalHold.add(hash);
                                continue;
                            }
                            e.erased.putIfAbsent(hash, new Erased(hash, when, "erasure request (" + st + ") in " + d.name()));
                        }
                    }
                }
            }
            e.keptForLegalHold.removeAll(e.erased.keySet());
        }
        e.erasedBeforeSet.removeAll(e.erased.keySet());
        return e;
    }

    private static Set<String> held(Catalog catalog, SubjectHasher hasher, LocalDate today) {
        Set<String> out = new HashSet<>();
        for (Dataset d : catalog.withRole(DatasetRole.LEGAL_HOLDS)) {
            int subject = d.columnNames().indexOf(d.subjectKey());
            int from = d.columnNames().indexOf("held_from");
            int until = d.columnNames().indexOf("held_until");
            if (subject < 0) {
                continue;
            }
            for (FileStatus f : DatasetFiles.list(d)) {
                try (RowReader reader = DatasetFiles.open(d, f.getPath(), Storage.configuration())) {
                    Row row;
                    while ((row = reader.next()) != null) {
                        LocalDate a = from < 0 ? null : row.getDate(d.columnNames().get(from));
                        LocalDate b = until < 0 ? null : row.getDate(d.columnNames().get(until));
                        if (row.get(subject) != null && (a == null || !a.isAfter(today)) && (b == null || !b.isBefore(today))) {
                            out.add(hasher.hash(row.get(subject).toString()));
                        }
                    }
                }
            }
        }
        return out;
    }

    public boolean isErased(String subjectHash) {
        return erased.containsKey(subjectHash);
    }

    public Erased get(String subjectHash) {
        return erased.get(subjectHash);
    }

    public int count() {
        return erased.size();
    }

    public boolean erasedBeforeSet(String subjectHash) {
        return erasedBeforeSet.contains(subjectHash);
    }

    public Set<String> keptForLegalHold() {
        return Set.copyOf(keptForLegalHold);
    }

    public int ledgerRecords() {
        return ledgerRecords;
    }

    public int requestsRead() {
        return requestsRead;
    }

    public boolean requestsConsulted() {
        return requestsConsulted;
    }

    public List<Erased> all() {
        return erased.values().stream().sorted(java.util.Comparator.comparing(Erased::subjectHash)).toList();
    }
}
