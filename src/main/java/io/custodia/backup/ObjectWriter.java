package io.custodia.backup;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.DurableOutputStream;
import io.custodia.backup.store.HashingInputStream;
import io.custodia.backup.store.HashingOutputStream;
import io.custodia.backup.store.ManifestEntry;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.ObjectState;
import io.custodia.batch.CrashPoints;
import io.custodia.crypto.age.AgeEncryptor;
import io.custodia.crypto.age.AgeRecipient;
import io.custodia.parquet.DataFileException;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Encrypts one source file into the content-addressed object store in one streaming pass: the
 * plaintext is hashed while it is encrypted into a hidden temporary object, which is made durable
 * and only then renamed to {@code objects/ab/<sha256>.age}. Memory: one 1 MiB buffer (four for a
 * big file, read and encrypted on two threads) and age's 64 KiB chunk, whatever the file size. A
 * crash leaves at most a temporary file nothing refers to.
 */
public final class ObjectWriter {
    static final String CRASH_MID_OBJECT = "backup.object.mid";
    private static final int BUFFER = Handoff.BUFFER;
    /** Files at least this big are read on one thread and encrypted on another ({@link Handoff}). */
    static final long PIPELINED = 8L << 20;
    private static final int ATTEMPTS = 3;
    private static final int TAIL = 256 * 1024;

    private ObjectWriter() {
    }

    /**
     * What happened to one file. {@code encrypted} is false when the content turned out to be in a
     * known object already (same plaintext under another path or a new modification time).
     */
    public record Written(ManifestEntry entry, boolean encrypted, String warning) {
    }

    public static Written write(BackupStore store, ObjectIndex index, SourceFile file, List<AgeRecipient> recipients, long execution,
            Configuration conf) {
        URI uri = URI.create(file.source());
        FileSystem srcFs = Storage.fileSystem(uri, conf);
        Path src = new Path(uri);
        for (int attempt = 1; ; attempt++) {
            try {
                FileStatus before = srcFs.getFileStatus(src);
                Path tmp = store.newTempObject(execution);
                HashingInputStream plain;
                HashingOutputStream cipher;
                ParquetTail tail = "parquet".equals(file.format()) ? new ParquetTail(TAIL) : null;
                try (InputStream in = srcFs.open(src)) {
                    plain = new HashingInputStream(in);
                    cipher = new HashingOutputStream(new DurableOutputStream(store.fs(), tmp));
                    try (OutputStream age = AgeEncryptor.encryptingStream(cipher, recipients)) {
                        copy(plain, age, before.getLen(), file.path(), tail);
                    }
                } catch (IOException | RuntimeException e) {
                    store.deleteQuietly(tmp);
                    throw e;
                }
                FileStatus after = srcFs.getFileStatus(src);
                if (after.getLen() != before.getLen() || after.getModificationTime() != before.getModificationTime()
                        || plain.count() != before.getLen()) {
                    store.deleteQuietly(tmp);
                    if (attempt == ATTEMPTS) {
                        throw new IllegalStateException(file.source() + " changed while it was being backed up, " + ATTEMPTS
                                + " times in a row; back it up when it is not being written");
                    }
                    continue;
                }
                return place(store, index, file, before, tmp, plain.sha256(), cipher.sha256(), cipher.count(), recipients, conf,
                        tail == null ? null : tail.rows());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot back up " + file.source() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long size, String path, ParquetTail tail) throws IOException {
        if (size >= PIPELINED) {
            try (Handoff handoff = new Handoff(out)) {
                copy(in, handoff, size, path, tail);
            }
            return;
        }
        byte[] buf = new byte[BUFFER];
        MidPoint mid = new MidPoint(size, path);
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (tail != null) {
                tail.update(buf, 0, n);
            }
            if (mid.passed(n)) {
                out.flush();
                mid.reached();
            }
        }
    }

    private static void copy(InputStream in, Handoff out, long size, String path, ParquetTail tail) throws IOException {
        MidPoint mid = new MidPoint(size, path);
        while (true) {
            byte[] buf = out.take();
            int n = in.readNBytes(buf, 0, buf.length);
            if (n == 0) {
                return;
            }
            if (tail != null) {
                tail.update(buf, 0, n);
            }
            out.send(buf, n);
            if (mid.passed(n)) {
                out.flush();
                mid.reached();
            }
        }
    }

    /** The crash point half-way through a file (tests kill the process there), reached once with everything before it written. */
    private static final class MidPoint {
        private final long size;
        private final String path;
        private long done;
        private boolean checked;

        MidPoint(long size, String path) {
            this.size = size;
            this.path = path;
            this.checked = size == 0;
        }

        boolean passed(int n) {
            done += n;
            if (checked || done < size / 2) {
                return false;
            }
            checked = true;
            return true;
        }

        void reached() {
            CrashPoints.reached(CRASH_MID_OBJECT);
            CrashPoints.reached(CRASH_MID_OBJECT + ":" + path);
        }
    }

    private static Written place(BackupStore store, ObjectIndex index, SourceFile file, FileStatus st, Path tmp, String sha256,
            String cipherSha, long cipherSize, List<AgeRecipient> recipients, Configuration conf, Long footerRows) {
        String object = BackupStore.objectName(sha256);
        Path target = store.path(object);
        Long rows = footerRows;
        String warning = null;
        if ("parquet".equals(file.format()) && rows == null) {
            try {
                rows = ParquetRowReader.rowCount(st.getPath(), conf);
            } catch (DataFileException e) {
                warning = file.path() + ": backed up, but it is not a readable Parquet file (no row count recorded)";
            }
        }
        SourceFile seen = new SourceFile(file.path(), file.dataset(), file.format(), file.source(), st.getLen(), st.getModificationTime());
        if (store.exists(target) && index.knows(sha256)) {
            // the same content is already stored and signed for: keep that object untouched
            store.deleteQuietly(tmp);
            ObjectState state = index.latest(sha256).orElseThrow();
            return new Written(entry(seen, sha256, object, state.ciphertextSize(), state.ciphertextSha256(), rows, state.recipients(),
                    ManifestEntry.REUSED), false, warning);
        }
        // absent, or left by an interrupted run that no set refers to: ours replaces it
        store.mkdirs(target.getParent());
        store.moveInto(tmp, target);
        return new Written(entry(seen, sha256, object, cipherSize, cipherSha, rows,
                recipients.stream().map(AgeRecipient::fingerprint).toList(), ManifestEntry.NEW), true, warning);
    }

    private static ManifestEntry entry(SourceFile f, String sha, String object, long cSize, String cSha, Long rows, List<String> recipients,
            String stored) {
        return new ManifestEntry(f.path(), f.dataset(), f.format(), f.source(), f.size(), f.modifiedAt(), sha, object, cSize, cSha, rows,
                recipients, stored);
    }
}
