package io.custodia.purge;

import io.custodia.batch.CrashPoints;
import io.custodia.catalog.Dataset;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one file of a plan through rewrite → swap → overwrite → delete, recording each step in
 * the journal before the next, so that a kill at any point resumes without losing a surviving row,
 * without leaving the dataset with both versions or neither, and without doing a step twice.
 *
 * <p>Local files: the surviving rows go to a hidden {@code .new} file, verified; the old file gets a
 * second, hidden name ({@code .old}, a hard link: the same inode) — then one {@code rename(2)} puts
 * the new file in place. Readers see the old version or the new one, never neither; the old inode
 * stays reachable only under the hidden name until it is overwritten, truncated and deleted.
 *
 * <p>HDFS: files cannot be overwritten in place, and there are no hard links. The verified new file
 * is renamed over the old one (HDFS rename with OVERWRITE deletes the old file in the same namespace
 * operation, without trash); a file with no surviving rows is deleted (no trash). The certificate
 * says overwrite was not possible.
 */
final class FilePurger {
    private static final Logger log = LoggerFactory.getLogger(FilePurger.class);
    private final DestructionPlan plan;
    private final Scope scope;
    private final PurgeJournal journal;
    private final Dataset dataset;
    private final RowClassifier classifier;
    private final SubjectHasher hasher;
    private final Configuration conf;
    private final Clock clock;
    private final RewriteSlots slots;

    FilePurger(DestructionPlan plan, Scope scope, PurgeJournal journal, Dataset dataset, RowClassifier classifier,
            SubjectHasher hasher, Configuration conf, Clock clock, RewriteSlots slots) {
        this.plan = plan;
        this.scope = scope;
        this.journal = journal;
        this.dataset = dataset;
        this.classifier = classifier;
        this.hasher = hasher;
        this.conf = conf;
        this.clock = clock;
        this.slots = slots;
    }

    static String executionKey(DestructionPlan plan, Scope scope) {
        return plan.id() + "-" + scope.code();
    }

    FileEntry purge(DestructionPlan.FilePlan file) throws IOException {
        Path original = new Path(URI.create(file.uri()));
        FileSystem fs = Storage.fileSystem(original.toUri(), conf);
        String tag = ".purge-" + executionKey(plan, scope);
        Path staged = new Path(original.getParent(), "." + original.getName() + tag + ".new");
        Path kept = new Path(original.getParent(), "." + original.getName() + tag + ".old");
        boolean local = Storage.isLocal(fs);

        FileEntry e = journal.file(file.index()).orElse(null);
        if (e == null) {
            e = slots.hold(() -> stage(file, fs, original, staged, kept, local));
        } else if (e.at(FileEntry.DESTROYED)) {
            return e;
        } else {
            log.info("resuming {} at {}", original, e.state);
        }
        if (e.at(FileEntry.STAGED)) {
            swap(e, fs, original, staged, kept, local);
        }
        if (e.at(FileEntry.SWAPPED)) {
            if (local) {
                overwrite(e, kept);
            } else {
                e.method = "deleted without trash (" + (FileEntry.REWRITE.equals(e.mode) ? "the verified new file renamed over it" : "delete")
                        + "); overwrite not possible on " + fs.getUri().getScheme();
                e.category = "none: overwrite not possible on " + fs.getUri().getScheme() + " (logical deletion only)";
                e.verification = e.verification + "; old file no longer exists at " + original.toUri().getPath();
                finish(e);
            }
        }
        if (e.at(FileEntry.WIPED)) {
            Wiper.truncateAndDelete(localPath(fs, kept));
            finish(e);
        }
        return e;
    }

    /** Writes and verifies the new version; records STAGED with the destruction it does. */
    private FileEntry stage(DestructionPlan.FilePlan file, FileSystem fs, Path original, Path staged, Path kept, boolean local)
            throws IOException {
        removeLeftovers(fs, staged);
        if (fs.exists(kept)) {
            throw new IllegalStateException(kept + " exists but the journal " + journal.dir() + " has no record of it; "
                    + "it holds an old version of " + original + " — find out who made it before purging this file");
        }
        InputFile now = fs.exists(original) ? InputFile.of("data", dataset.name(), original.toUri()) : null;
        InputFile planned = new InputFile("data", dataset.name(), file.uri(), file.size(), file.sha256());
        String diff = planned.differenceFrom(now);
        if (diff != null) {
            throw new InputsChangedException("plan " + plan.id() + " cannot be executed: " + diff + " since it was planned; "
                    + "nothing was destroyed in this file. Plan again (and have the new plan approved if it needs approval)");
        }
        Outcome expected = file.outcome(scope);
        log.info("rewriting {} ({} bytes): {} of {} rows survive", original, file.size(), expected.rowsOut(), expected.rowsIn());
        boolean remove = expected.rowsOut() == 0 && fs.getFileStatus(new Path(dataset.location())).isDirectory();
        SubjectLog subjects = new SubjectLog();
        FileRewriter.Result r = FileRewriter.rewrite(dataset, original, remove ? null : staged,
                new RowProcessor(classifier, scope, subjects), conf);
        Outcome actual = r.outcome().build();
        if (!actual.sameDestruction(expected)) {
            if (!remove) {
                fs.delete(staged, false);
            }
            throw new IllegalStateException(original + ": the execution would destroy " + actual.destroyed()
                    + " but plan " + plan.id() + " says " + expected.destroyed() + "; nothing was changed");
        }
        subjects.write(journal.subjectsFile(file.index()), hasher);
        FileEntry e = new FileEntry();
        e.index = file.index();
        e.dataset = dataset.name();
        e.uri = file.uri();
        e.mode = remove ? FileEntry.REMOVE : FileEntry.REWRITE;
        e.state = FileEntry.STAGED;
        e.originalSize = file.size();
        e.originalSha256 = file.sha256();
        e.stagedUri = remove ? null : staged.toUri().toString();
        e.keptUri = local ? kept.toUri().toString() : null;
        e.newRows = r.rows();
        e.newSize = r.size();
        e.newSha256 = r.sha256();
        e.contentSha256 = r.contentSha256();
        e.verification = r.verification();
        e.outcome = actual;
        e.medium = Media.of(fs, original);
        journal.put(e);
        return e;
    }

    private void swap(FileEntry e, FileSystem fs, Path original, Path staged, Path kept, boolean local) throws IOException {
        boolean rewrite = FileEntry.REWRITE.equals(e.mode);
        if (local) {
            java.nio.file.Path orig = localPath(fs, original);
            java.nio.file.Path old = localPath(fs, kept);
            if (rewrite && fs.exists(staged)) {
                if (!Files.exists(old)) {
                    requireUnchanged(e, fs, original);
                    Files.createLink(old, orig);
                    Storage.syncDirectory(old.getParent());
                } else if (!Files.isSameFile(old, orig)) {
                    throw new IllegalStateException(old + " is not the same file as " + orig + " although the swap has not happened");
                }
                CrashPoints.reached("purge.before-swap");
                Storage.atomicReplace(fs, staged, original);
            } else if (rewrite) {
                requireSwapped(e, fs, original, old);
            } else if (Files.exists(orig)) {
                requireUnchanged(e, fs, original);
                CrashPoints.reached("purge.before-swap");
                Files.move(orig, old, StandardCopyOption.ATOMIC_MOVE);
                Storage.syncDirectory(old.getParent());
            } else if (!Files.exists(old)) {
                throw new IllegalStateException(orig + " and its kept old version " + old + " are both gone; the journal says the swap had not happened");
            }
        } else if (rewrite && fs.exists(staged)) {
            CrashPoints.reached("purge.before-swap");
            Storage.atomicReplace(fs, staged, original);
        } else if (rewrite) {
            requireSwapped(e, fs, original, null);
        } else if (fs.exists(original)) {
            CrashPoints.reached("purge.before-swap");
            if (!fs.delete(original, false)) {
                throw new IOException("HDFS refused to delete " + original);
            }
        }
        e.state = FileEntry.SWAPPED;
        e.swappedAt = clock.instant().toString();
        journal.put(e);
        CrashPoints.reached("purge.after-swap");
    }

    private void overwrite(FileEntry e, Path kept) throws IOException {
        java.nio.file.Path old = java.nio.file.Path.of(kept.toUri());
        if (!Files.exists(old)) {
            e.method = "none: the old version vanished from " + old + " before it could be overwritten";
            e.category = "none: not overwritten";
            e.verification = e.verification + "; old version missing before the overwrite";
            finish(e);
            return;
        }
        long size = Files.size(old);
        if (size != e.originalSize) {
            throw new IllegalStateException(old + " has " + size + " bytes, the planned file had " + e.originalSize + "; not overwriting it");
        }
        log.info("overwriting the old version of {} ({} bytes, 3 passes)", e.uri, size);
        WipeResult w = Wiper.overwrite(old);
        if (!w.verified()) {
            throw new IllegalStateException(old + ": overwrite verification failed: " + w.verification()
                    + "; the file is kept under its hidden name and the next run overwrites it again");
        }
        e.wipe = w;
        e.method = "3-pass overwrite in place (" + String.join(", ", w.passes()) + "), each forced to disk; last pass read back "
                + "and compared; then truncated to 0 bytes and deleted";
        e.category = e.medium.overwritesInPlace() ? "Clear (file level: the file's blocks overwritten in place and verified)"
                : "none: " + e.medium.type() + " does not overwrite in place";
        e.state = FileEntry.WIPED;
        journal.put(e);
        CrashPoints.reached("purge.overwrite.verified");
    }

    private void finish(FileEntry e) {
        e.state = FileEntry.DESTROYED;
        e.destroyedAt = clock.instant().toString();
        journal.put(e);
    }

    private void requireUnchanged(FileEntry e, FileSystem fs, Path original) {
        InputFile now = InputFile.of("data", dataset.name(), original.toUri());
        String diff = new InputFile("data", dataset.name(), e.uri, e.originalSize, e.originalSha256).differenceFrom(now);
        if (diff != null) {
            throw new InputsChangedException("plan " + plan.id() + ": " + diff + " while its rewrite was pending; nothing was swapped");
        }
    }

    private static void requireSwapped(FileEntry e, FileSystem fs, Path original, java.nio.file.Path old) throws IOException {
        if (!fs.exists(original) || !InputFile.sha256(fs, original).equals(e.newSha256)) {
            throw new IllegalStateException(original + ": the new version is neither staged nor in place; the journal cannot tell what happened");
        }
        if (old != null && !Files.exists(old)) {
            throw new IllegalStateException(original + " was swapped but its old version " + old + " is gone before the overwrite");
        }
    }

    private static void removeLeftovers(FileSystem fs, Path staged) throws IOException {
        if (fs.exists(staged)) {
            fs.delete(staged, false);
        }
        String prefix = "." + staged.getName() + ".inprogress-";
        for (FileStatus s : fs.listStatus(staged.getParent())) {
            if (s.getPath().getName().startsWith(prefix)) {
                fs.delete(s.getPath(), false);
            }
        }
    }

    private static java.nio.file.Path localPath(FileSystem fs, Path p) {
        return java.nio.file.Path.of(fs.makeQualified(p).toUri());
    }

    /** The plan's inputs differ from what is on disk: refuse, destroy nothing. */
    static final class InputsChangedException extends IllegalStateException {
        InputsChangedException(String message) {
            super(message);
        }
    }
}
