package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.crypto.Hashes;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import tools.jackson.core.JacksonException;

/**
 * A run's progress as the destination records it: one small file per object placed, written
 * right after the object got its final name ({@code tmp/journal-<run uuid>/}). The job
 * repository may lose its last commits in a crash (an embedded database flushes commits with a
 * delay); the journal lets a resumed run see that a file's object is already complete and skip
 * encrypting it again. Removed once the set is signed.
 */
final class Journal {
    private final BackupStore store;
    private final Path dir;

    Journal(BackupStore store, String uuid) {
        this.store = store;
        this.dir = new Path(store.tmpDir(), "journal-" + uuid);
    }

    void record(ManifestEntry entry) {
        // not synced: a journal line lost in a crash only costs encrypting that file again
        store.writeHint(file(entry.path()), Json.MAPPER.writeValueAsBytes(entry));
    }

    /** The entry an earlier attempt recorded for this file, if the file and its object are still as recorded. */
    Optional<ManifestEntry> completed(SourceFile f) {
        Path p = file(f.path());
        try {
            if (!store.exists(p)) {
                return Optional.empty();
            }
            ManifestEntry e = Json.MAPPER.readValue(store.readAll(p), ManifestEntry.class);
            Optional<FileStatus> object = store.status(store.path(e.object()));
            boolean same = e.source().equals(f.source()) && e.size() == f.size() && e.modifiedAt() == f.modifiedAt()
                    && object.isPresent() && object.get().getLen() == e.ciphertextSize();
            return same ? Optional.of(e) : Optional.empty();
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }

    void remove() {
        store.delete(dir, true);
    }

    private Path file(String logicalPath) {
        return new Path(dir, Hashes.sha256Hex(logicalPath) + ".json");
    }
}
