package io.custodia.backup.restore;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.DatasetRef;
import io.custodia.backup.store.DurableOutputStream;
import io.custodia.backup.store.HashingInputStream;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.Scratch;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.crypto.age.AgeDecryptor;
import io.custodia.crypto.age.AgeException;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.parquet.ParquetSchemas;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.catalog.ColumnType;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Restores one file of a set. The plaintext is hashed as it is decrypted and compared with the
 * signed manifest before the file gets its final name. Files of data datasets with a subject key
 * are decrypted to an owner-only scratch file first and scanned: rows of erased subjects are left
 * out of the restored file (written under a temporary name, renamed when complete); a file without
 * such rows is restored byte for byte. Scratch plaintext is overwritten and deleted.
 */
final class FileRestorer {
    private FileRestorer() {
    }

    /** The outcome for one file; {@code subjectsRemoved} holds keyed hashes only. */
    record Restored(String path, long bytes, boolean scanned, long rows, long rowsRemoved, Set<String> subjectsRemoved,
            long rowsOfSubjectsErasedBeforeSet, String failure) {
    }

    static Restored restore(BackupStore store, ManifestEntry e, DatasetRef ds, Catalog catalog, List<AgeIdentity> identities, Erasures erasures,
            SubjectHasher hasher, FileSystem targetFs, Path targetRoot, java.nio.file.Path scratchDir) {
        Path target = new Path(targetRoot, e.path());
        boolean scan = ds != null && "data".equals(ds.role()) && ds.subjectKey() != null && e.format() != null
                && List.of("parquet", "csv", "jsonl").contains(e.format());
        try {
            if (!scan) {
                Path tmp = Storage.inProgressPath(target, UUID.randomUUID().toString());
                targetFs.mkdirs(target.getParent());
                String failure;
                try (InputStream in = store.open(store.path(e.object())); OutputStream out = new DurableOutputStream(targetFs, tmp)) {
                    failure = decryptInto(in, out, identities, e);
                }
                if (failure != null) {
                    targetFs.delete(tmp, false);
                    return new Restored(e.path(), 0, false, 0, 0, Set.of(), 0, failure);
                }
                Storage.atomicReplace(targetFs, tmp, target);
                return new Restored(e.path(), e.size(), false, 0, 0, Set.of(), 0, null);
            }
            java.nio.file.Path scratch = Scratch.create(scratchDir, "restore");
            try {
                String failure;
                try (InputStream in = store.open(store.path(e.object())); OutputStream out = Files.newOutputStream(scratch, StandardOpenOption.TRUNCATE_EXISTING)) {
                    failure = decryptInto(in, out, identities, e);
                }
                if (failure != null) {
                    return new Restored(e.path(), 0, true, 0, 0, Set.of(), 0, failure);
                }
                return filter(e, ds, catalog, erasures, hasher, targetFs, target, scratch);
            } finally {
                Scratch.wipe(scratch);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot restore " + e.path() + ": " + ex.getMessage(), ex);
        }
    }

    /** Decrypts into {@code out}; returns why the plaintext cannot be trusted, or null when it matches the manifest. */
    private static String decryptInto(InputStream in, OutputStream out, List<AgeIdentity> identities, ManifestEntry e) throws IOException {
        try {
            HashingInputStream plain = new HashingInputStream(AgeDecryptor.decryptingStream(in, identities));
            plain.transferTo(out);
            if (!plain.sha256().equals(e.sha256()) || plain.count() != e.size()) {
                return e.object() + " decrypts to content other than the manifest says (SHA-256 or size differs)";
            }
            return null;
        } catch (AgeException ex) {
            return e.object() + ": " + ex.getMessage();
        }
    }

    private static Restored filter(ManifestEntry e, DatasetRef ds, Catalog catalog, Erasures erasures, SubjectHasher hasher, FileSystem targetFs,
            Path target, java.nio.file.Path scratch) throws IOException {
        Configuration conf = Storage.configuration();
        Path local = new Path(scratch.toUri());
        DataFormat format = DataFormat.valueOf(e.format().toUpperCase());
        RowSchema schema = schema(e, ds, catalog, format, local, conf);
        if (schema == null) {
            return new Restored(e.path(), 0, true, 0, 0, Set.of(), 0, e.path() + ": erasures cannot be re-applied (no schema for dataset '"
                    + ds.name() + "' with a supported type for every column); refusing to restore it unfiltered");
        }
        if (!schema.has(ds.subjectKey())) {
            return new Restored(e.path(), 0, true, 0, 0, Set.of(), 0, e.path() + ": has no subject-key column '" + ds.subjectKey()
                    + "'; refusing to restore it unfiltered");
        }
        int subject = schema.indexOf(ds.subjectKey());
        long rows = 0;
        long removed = 0;
        long earlier = 0;
        Set<String> subjects = new HashSet<>();
        try (RowReader r = RowFiles.open(local, format, schema, conf)) {
            Row row;
            while ((row = r.next()) != null) {
                rows++;
                Object v = row.get(subject);
                if (v == null) {
                    continue;
                }
                String h = hasher.hash(v.toString());
                if (erasures.isErased(h)) {
                    removed++;
                    subjects.add(h);
                } else if (erasures.erasedBeforeSet(h)) {
                    earlier++;
                }
            }
        }
        targetFs.mkdirs(target.getParent());
        if (removed == 0) {
            Path tmp = Storage.inProgressPath(target, UUID.randomUUID().toString());
            try (InputStream in = Files.newInputStream(scratch); OutputStream out = new DurableOutputStream(targetFs, tmp)) {
                in.transferTo(out);
            }
            Storage.atomicReplace(targetFs, tmp, target);
            return new Restored(e.path(), e.size(), true, rows, 0, Set.of(), earlier, null);
        }
        long written = 0;
        try (RowReader r = RowFiles.open(local, format, schema, conf); RowWriter w = RowFiles.create(target, format, schema, conf)) {
            Row row;
            while ((row = r.next()) != null) {
                Object v = row.get(subject);
                if (v != null && erasures.isErased(hasher.hash(v.toString()))) {
                    continue;
                }
                w.write(row);
                written++;
            }
            if (written != rows - removed) {
                throw new IllegalStateException(e.path() + ": wrote " + written + " rows where " + (rows - removed) + " were expected");
            }
            w.commit();
        }
        return new Restored(e.path(), targetFs.getFileStatus(target).getLen(), true, rows, removed, subjects, earlier, null);
    }

    /** Parquet: the file's own schema (every column kept); CSV and JSON Lines: the catalog's declared columns. */
    private static RowSchema schema(ManifestEntry e, DatasetRef ds, Catalog catalog, DataFormat format, Path local, Configuration conf) {
        if (format == DataFormat.PARQUET) {
            MessageType file = ParquetRowReader.footer(local, conf).getFileMetaData().getSchema();
            List<RowSchema.Field> fields = new ArrayList<>();
            for (Type t : file.getFields()) {
                ColumnType type = ParquetSchemas.typeOf(t);
                if (type == null) {
                    return null;
                }
                fields.add(new RowSchema.Field(t.getName(), type, t.isRepetition(Type.Repetition.REQUIRED)));
            }
            return RowSchema.of(fields);
        }
        if (catalog == null) {
            return null;
        }
        Dataset d = catalog.dataset(ds.name()).orElse(null);
        return d == null ? null : RowSchema.ofColumns(d.columns());
    }
}
