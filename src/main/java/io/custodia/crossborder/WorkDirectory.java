package io.custodia.crossborder;

import io.custodia.crypto.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The scratch directory of one execution ({@code <work>/reconcile-e<id>}): the sorted runs, each
 * worker's scan summary, and the run's fingerprint key (random, 0600). It is deleted when the
 * reconciliation step ends; directories left by a killed execution are deleted by the next one.
 * Nothing in it is a raw personal value: fingerprints are keyed hashes of subject hashes.
 */
final class WorkDirectory {
    static final String KEY = "fingerprint.key";
    static final String MANIFEST = "partitions.json";
    private static final String PREFIX = "reconcile-e";

    private WorkDirectory() {
    }

    /** Where scratch directories go: the job file's work-dir, else the state directory's work/. */
    static Path root(ReconcileSettings settings, io.custodia.batch.Workspace workspace) {
        return settings.workDir() != null ? settings.workDir() : workspace.properties().stateDir().toAbsolutePath().resolve("work");
    }

    static Path of(Path root, long executionId) {
        return root.resolve(PREFIX + executionId);
    }

    /** Creates the directory and its key; first removes directories of executions that are no longer running. */
    static Path prepare(Path root, long executionId, LongPredicate running) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(PREFIX) && n.substring(PREFIX.length()).matches("\\d+")) {
                        long id = Long.parseLong(n.substring(PREFIX.length()));
                        if (id != executionId && !running.test(id)) {
                            delete(p);
                        }
                    }
                }
            }
            Path dir = of(root, executionId);
            delete(dir);
            Files.createDirectories(dir);
            OwnerOnlyFiles.createSecret(dir.resolve(KEY), SipHash.randomKey());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work directory under " + root + ": " + e.getMessage(), e);
        }
    }

    static SipHash key(Path dir) {
        try {
            return SipHash.of(Files.readAllBytes(dir.resolve(KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's fingerprint key in " + dir + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
