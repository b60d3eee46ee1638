package io.custodia.purge;

import io.custodia.batch.JobFile;
import io.custodia.batch.Progress;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.catalog.RetentionRule;
import io.custodia.crypto.Hashes;
import io.custodia.evidence.Json;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.util.Futures;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link DestructionPlan}: fingerprints every input, reads the registers, then every row
 * of every purgeable dataset once, through the same {@link RowProcessor} the execution uses, for
 * the full scope and the pre-approved one. Changes nothing.
 */
final class Planner {
    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    private Planner() {
    }

    static DestructionPlan plan(JobFile jobFile, LocalDate runDate, Configuration conf, Clock clock, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads),
                Thread.ofPlatform().name("purge-plan-", 1).daemon().factory());
        try {
            return plan(jobFile, runDate, conf, clock, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static DestructionPlan plan(JobFile jobFile, LocalDate runDate, Configuration conf, Clock clock, ExecutorService pool) {
        PurgeSettings settings = PurgeSettings.from(jobFile);
        Catalog catalog = jobFile.catalog();
        CatalogRules.check(catalog);
        List<InputFile> inputs = fingerprints(jobFile, catalog, pool);
        SubjectRegisters registers = SubjectRegisters.load(catalog, runDate, conf);
        Scope auto = settings.autoApprove();
        List<Scope> scopes = auto.isEmpty() || auto.isFull() ? List.of(Scope.FULL) : List.of(auto, Scope.FULL);

        List<DestructionPlan.DatasetPlan> datasets = new ArrayList<>();
        List<DestructionPlan.FilePlan> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long totalBytes = inputs.stream().filter(i -> i.kind().equals("data")).mapToLong(InputFile::size).sum();
        Progress progress = new Progress(log, "planning purge", "bytes", totalBytes);
        Map<InputFile, List<Outcome.Builder>> scans = scanAll(CatalogRules.purgeable(catalog), inputs, registers, runDate,
                scopes, conf, pool, progress);
        for (Dataset ds : CatalogRules.purgeable(catalog)) {
            RowClassifier classifier = new RowClassifier(ds, registers, runDate);
            Map<String, Outcome.Builder> dsOut = new LinkedHashMap<>();
            scopes.forEach(s -> dsOut.put(s.code(), new Outcome.Builder()));
            for (InputFile in : inputs) {
                if (!in.kind().equals("data") || !ds.name().equals(in.dataset())) {
                    continue;
                }
                List<Outcome.Builder> builders = scans.get(in);
                Map<String, Outcome> fileOut = new LinkedHashMap<>();
                for (int i = 0; i < scopes.size(); i++) {
                    fileOut.put(scopes.get(i).code(), builders.get(i).build());
                    dsOut.get(scopes.get(i).code()).merge(builders.get(i));
                }
                files.add(new DestructionPlan.FilePlan(files.size(), ds.name(), in.uri(), in.size(), in.sha256(), fileOut));
            }
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            dsOut.forEach((k, b) -> outcomes.put(k, b.build()));
            LevelRetention retention = classifier.retention();
            datasets.add(new DestructionPlan.DatasetPlan(ds.name(), ds.location().toString(), ds.format().extension(),
                    ds.retention().stream().map(Planner::describe).toList(), retention.rowCanExpire(), outcomes));
            if (!retention.hasRules()) {
                notes.add("dataset '" + ds.name() + "' has no retention rule: its rows are destroyed only for erasure requests");
            } else if (!retention.levelsWithoutRule().isEmpty()) {
                notes.add("dataset '" + ds.name() + "' has no retention rule for level(s) " + retention.levelsWithoutRule().stream()
                        .map(l -> l.label()).toList() + ": its rows are never destroyed by retention, only the values of expired levels");
            }
            if (!ds.hasSubjects()) {
                notes.add("dataset '" + ds.name() + "' has no subject key: erasure requests and legal holds cannot reach it");
            }
        }
        if (catalog.withRole(DatasetRole.ERASURE_REQUESTS).isEmpty()) {
            notes.add("the catalog declares no erasure-requests register: no erasure request is applied");
        }
        if (catalog.withRole(DatasetRole.LEGAL_HOLDS).isEmpty()) {
            notes.add("the catalog declares no legal-holds register: no customer is exempt");
        }
        progress.finish();
        String id = planId(jobFile, runDate, inputs);
        return new DestructionPlan(DestructionPlan.FORMAT, id, runDate.toString(), clock.instant().toString(), jobFile.path().toString(),
                catalog.source().toString(), catalog.company(), auto.code(), inputs, registers.counts(), datasets, files, notes);
    }

    /**
     * Scans every data file of the purgeable datasets on the pool's threads (a plan reads every row of
     * every file; on one thread it was a fifth of a large purge). Each file gets its own classifier
     * and processors, so nothing is shared between threads but the read-only registers. A failure is
     * rethrown as it was; the caller's shutdown of the pool stops the scans still running.
     */
    private static Map<InputFile, List<Outcome.Builder>> scanAll(List<Dataset> purgeable, List<InputFile> inputs,
            SubjectRegisters registers, LocalDate runDate, List<Scope> scopes, Configuration conf, ExecutorService pool,
            Progress progress) {
        Map<InputFile, Future<List<Outcome.Builder>>> scans = new LinkedHashMap<>();
        // largest first, so that the last file to finish is a small one
        List<InputFile> order = inputs.stream().filter(i -> i.kind().equals("data"))
                .sorted(Comparator.comparingLong(InputFile::size).reversed()).toList();
        for (InputFile in : order) {
            Dataset ds = purgeable.stream().filter(d -> d.name().equals(in.dataset())).findFirst().orElseThrow();
            scans.put(in, pool.submit(() -> {
                RowClassifier classifier = new RowClassifier(ds, registers, runDate);
                List<RowProcessor> processors = scopes.stream().map(s -> new RowProcessor(classifier, s, null)).toList();
                List<Outcome.Builder> b = scan(ds, in, classifier, processors, conf);
                progress.add(in.size());
                return b;
            }));
        }
        Map<InputFile, List<Outcome.Builder>> results = new LinkedHashMap<>();
        scans.forEach((in, f) -> results.put(in, Futures.join(f, "planning was interrupted")));
        return results;
    }

    /**
     * One read of the file, every scope's processor on its own copy of each row. Only the columns the
     * classifier reads are decoded; the others are read for presence (the counts need no more), which
     * leaves the processors' computation the same as the execution's, on the same nulls.
     */
    static List<Outcome.Builder> scan(Dataset ds, InputFile in, RowClassifier classifier, List<RowProcessor> processors,
            Configuration conf) {
        List<Outcome.Builder> builders = processors.stream().map(p -> new Outcome.Builder()).toList();
        try (RowReader r = RowFiles.openForPresence(new org.apache.hadoop.fs.Path(java.net.URI.create(in.uri())), ds.format(),
                RowSchema.ofColumns(ds.columns()), classifier.columnsRead(), conf)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                for (int i = 0; i < processors.size(); i++) {
                    processors.get(i).process(i == processors.size() - 1 ? row : row.copy(), builders.get(i));
                }
            }
        }
        return builders;
    }

    /**
     * Every input the plan depends on, in a stable order: job file, catalog, registers, data files.
     * The data files are hashed on the pool's threads: reading and hashing a gigabyte on one thread
     * took a few seconds of every large purge before its scan could start.
     */
    static List<InputFile> fingerprints(JobFile jobFile, Catalog catalog, ExecutorService pool) {
        List<Future<InputFile>> out = new ArrayList<>();
        out.add(pool.submit(() -> InputFile.of("job-file", null, jobFile.path().toUri())));
        out.add(pool.submit(() -> InputFile.of("catalog", null, catalog.source().toUri())));
        for (DatasetRole role : List.of(DatasetRole.ERASURE_REQUESTS, DatasetRole.LEGAL_HOLDS)) {
            for (Dataset ds : catalog.withRole(role)) {
                for (FileStatus f : DatasetFiles.list(ds)) {
                    out.add(pool.submit(() -> InputFile.of(role.label(), ds.name(), f.getPath().toUri())));
                }
            }
        }
        for (Dataset ds : CatalogRules.purgeable(catalog)) {
            for (FileStatus f : DatasetFiles.list(ds)) {
                out.add(pool.submit(() -> InputFile.of("data", ds.name(), f.getPath().toUri())));
            }
        }
        return out.stream().map(f -> Futures.join(f, "planning was interrupted")).toList();
    }

    static String planId(JobFile jobFile, LocalDate runDate, List<InputFile> inputs) {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("jobFile", jobFile.path().toString());
        basis.put("runDate", runDate.toString());
        basis.put("inputs", inputs);
        return runDate + "-" + Hashes.sha256Hex(Json.MAPPER.writeValueAsString(basis)).substring(0, 12);
    }

    static String describe(RetentionRule r) {
        return r.level().label() + ": " + r.keep().toString().substring(1).toLowerCase() + " from " + r.anchorColumn();
    }
}
