package io.custodia.backup.restore;

import io.custodia.backup.BackupEntryTypes;
import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.LoadedSet;
import io.custodia.backup.store.Manifest;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.batch.Progress;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import io.custodia.storage.Storage;
import io.custodia.util.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code custodia restore}: brings a set back into an empty location, verifying every file's
 * plaintext hash against the signed manifest before it gets its final name, and never resurrecting
 * a customer erased after the set was taken (see {@link Erasures}). Files are restored
 * concurrently ({@code custodia.threads}). Writes a report (counts and keyed hashes only) and a
 * {@code backup.restore} evidence entry.
 */
@Service
public class RestoreService {
    private static final Logger log = LoggerFactory.getLogger(RestoreService.class);
    private final Workspace workspace;

    public RestoreService(Workspace workspace) {
        this.workspace = workspace;
    }

    public RestoreResult restore(RestoreRequest request) {
        Instant started = Instant.now();
        BackupStore store = BackupStore.open(request.from());
        SignatureVerifier verifier = workspace.keys().verifier();
        LoadedSet set = select(store, request.set(), verifier);
        Manifest m = set.manifest();
        List<AgeIdentity> identities = identities(request);
        Catalog catalog = request.catalog() == null ? null : CatalogLoader.load(request.catalog());
        SubjectHasher hasher = workspace.keys().subjectHasher();
        Erasures erasures = Erasures.collect(workspace.ledger(), verifier, hasher, catalog, m.createdAt(), LocalDate.now());
        FileSystem targetFs = Storage.fileSystem(request.to());
        Path targetRoot = targetFs.makeQualified(new Path(request.to()));
        requireEmpty(targetFs, targetRoot);
        java.nio.file.Path scratch = workspace.properties().stateDir().toAbsolutePath().resolveSibling("tmp")
                .resolve("restore-" + java.util.UUID.randomUUID());
        log.info("restoring set {} ({} files, {} bytes) to {}; {} erased subjects will not be restored", m.set(), m.files().size(), m.totalSize(),
                targetRoot, erasures.count());

        Progress progress = new Progress(log, "restore " + m.set(), "bytes", m.totalSize());
        List<FileRestorer.Restored> done = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workspace.properties().threads()));
        try {
            List<Future<FileRestorer.Restored>> futures = new ArrayList<>();
            for (ManifestEntry e : m.files()) {
                futures.add(pool.submit(() -> {
                    FileRestorer.Restored r = FileRestorer.restore(store, e, e.dataset() == null ? null : m.dataset(e.dataset()).orElse(null),
                            catalog, identities, erasures, hasher, targetFs, targetRoot, scratch);
                    progress.add(e.size());
                    return r;
                }));
            }
            for (Future<FileRestorer.Restored> f : futures) {
                done.add(Futures.join(f, "restore interrupted"));
            }
        } finally {
            pool.shutdownNow();
            deleteQuietly(scratch);
        }
        progress.finish();
        return report(request, store, set, erasures, done, targetRoot, started);
    }

    private static LoadedSet select(BackupStore store, String wanted, SignatureVerifier verifier) {
        if (wanted.equals("latest")) {
            return store.loadAll(verifier).stream().filter(LoadedSet::valid).max(Comparator.comparing(s -> s.manifest().createdAt()))
                    .orElseThrow(() -> new IllegalStateException("there is no valid backup set in " + store.root()));
        }
        LoadedSet s = store.load(wanted, verifier);
        if (!s.valid()) {
            throw new IllegalStateException("cannot restore " + s.describe() + " in " + store.root() + "; nothing was restored");
        }
        return s;
    }

    private static List<AgeIdentity> identities(RestoreRequest request) {
        try {
            return AgeIdentity.readAll(request.identity());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no identity file at " + request.identity() + "; pass --identity FILE (the age identity the set is encrypted to)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the identity " + request.identity() + ": " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(FileSystem fs, Path root) {
        try {
            if (fs.exists(root)) {
                for (FileStatus s : fs.listStatus(root)) {
                    if (!s.getPath().getName().startsWith(".")) {
                        throw new IllegalStateException("the restore target " + root + " is not empty; restore into a new or empty directory "
                                + "(a restore never overwrites anything)");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the restore target " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try {
            if (java.nio.file.Files.isDirectory(dir)) {
                try (var s = java.nio.file.Files.list(dir)) {
                    s.forEach(io.custodia.backup.store.Scratch::wipe);
                }
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // an empty owner-only scratch directory left behind holds nothing
        }
    }

    private RestoreResult report(RestoreRequest request, BackupStore store, LoadedSet set, Erasures erasures, List<FileRestorer.Restored> done,
            Path targetRoot, Instant started) {
        Manifest m = set.manifest();
        List<String> failures = done.stream().filter(r -> r.failure() != null).map(FileRestorer.Restored::failure).toList();
        long bytes = done.stream().filter(r -> r.failure() == null).mapToLong(FileRestorer.Restored::bytes).sum();
        long rowsRemoved = done.stream().mapToLong(FileRestorer.Restored::rowsRemoved).sum();
        long earlierRows = done.stream().mapToLong(FileRestorer.Restored::rowsOfSubjectsErasedBeforeSet).sum();
        java.util.Set<String> bySubject = new java.util.TreeSet<>();
        Map<String, long[]> byDataset = new TreeMap<>();
        for (FileRestorer.Restored r : done) {
            String dataset = m.files().stream().filter(e -> e.path().equals(r.path())).findFirst().map(ManifestEntry::dataset).orElse(null);
            String key = dataset == null ? "(" + r.path().substring(0, r.path().indexOf('/')) + ")" : dataset;
            long[] a = byDataset.computeIfAbsent(key, k -> new long[4]);
            a[0]++;
            a[1] += r.rows();
            a[2] += r.rowsRemoved();
            a[3] += r.failure() == null ? 0 : 1;
            bySubject.addAll(r.subjectsRemoved());
        }
        int files = (int) done.stream().filter(r -> r.failure() == null).count();
        String runId = LocalDate.now() + "-" + m.set() + "-" + started.toEpochMilli();
        RunReport.Builder report = RunReport.builder("restore", runId)
                .title("Restore of set " + m.set())
                .status(failures.isEmpty() ? "COMPLETED" : "FAILED")
                .times(started, Instant.now())
                .fact("set", m.set())
                .fact("set taken at", m.createdAt().toString())
                .fact("from", store.root().toString())
                .fact("to", targetRoot.toString())
                .fact("files restored (plaintext SHA-256 verified against the signed manifest)", files)
                .fact("files that could not be restored", failures.size())
                .fact("bytes restored", bytes)
                .fact("subjects erased after the set (not restored)", bySubject.size())
                .fact("rows removed (their data)", rowsRemoved)
                .fact("erasure records in the ledger", erasures.ledgerRecords())
                .fact("erasure requests read", erasures.requestsConsulted() ? String.valueOf(erasures.requestsRead()) : "none (no catalog given)")
                .fact("subjects with an approved request kept for an active legal hold", erasures.keptForLegalHold().size())
                .fact("rows of subjects erased before the set that the set still holds (restored; investigate)", earlierRows);
        List<List<Object>> datasetRows = new ArrayList<>();
        byDataset.forEach((k, a) -> datasetRows.add(List.of(k, a[0], a[1], a[2], a[3])));
        report.table("Datasets", List.of("dataset", "files", "rows scanned", "rows removed", "failed files"), datasetRows);
        List<List<Object>> subjectRows = new ArrayList<>();
        for (String h : bySubject) {
            Erasures.Erased e = erasures.get(h);
            subjectRows.add(List.of(h, e.at().toString(), e.source()));
        }
        report.table("Subjects not restored (keyed hashes)", List.of("subject hash", "erased at", "source"), subjectRows);
        report.table("Failures", List.of("file"), failures.stream().map(f -> List.<Object>of(f)).toList());
        report.note("Subject hashes are HMAC-SHA-256 under the master key's subject-hash key (KeyDirectory.subjectHasher()), the same the "
                + "purge job records in erasure.record entries; no raw customer id appears here.");
        ReportWriter.Written written = workspace.reports().write(report.build());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("set", m.set());
        body.put("manifestSha256", set.manifestSha256());
        body.put("from", store.root().toString());
        body.put("to", targetRoot.toString());
        body.put("files", files);
        body.put("failedFiles", failures.size());
        body.put("bytes", bytes);
        body.put("rowsRemoved", rowsRemoved);
        body.put("subjectsRemoved", List.copyOf(bySubject));
        body.put("operator", workspace.properties().operator());
        body.put("report", written.directory().toString());
        body.put("reportSha256", written.jsonSha256());
        workspace.ledger().append(BackupEntryTypes.RESTORE, body, workspace.keys().signer());
        return new RestoreResult(m.set(), targetRoot.toString(), files, bytes, rowsRemoved, bySubject.size(), written.html().toString(), failures);
    }
}
