package io.custodia.backup.store;

import io.custodia.crypto.Hashes;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.Signer;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import tools.jackson.core.JacksonException;

/**
 * A backup destination on any Hadoop filesystem, laid out as:
 *
 * <pre>
 * objects/ab/&lt;sha256 of plaintext&gt;.age   one age v1 file per distinct file content (content-addressed)
 * sets/&lt;set&gt;/manifest.json                 what a set holds; a set only once manifest.json.sig verifies
 * sets/&lt;set&gt;/manifest.json.sig             detached Ed25519 signature over the manifest's bytes
 * rotations/&lt;id&gt;.json (+ .sig)             signed records of header re-wraps (keys rotate-backup)
 * tmp/                                      objects being written (hidden names, never referenced)
 * trash/&lt;set&gt;/                              expired sets whose objects are being destroyed
 * </pre>
 *
 * Every file is written under a temporary name, made durable, then renamed into place, so a crash
 * never leaves a half-written object, manifest or signature under its final name.
 */
public final class BackupStore {
    public static final String OBJECTS = "objects";
    public static final String SETS = "sets";
    public static final String TMP = "tmp";
    public static final String TRASH = "trash";
    public static final String ROTATIONS = "rotations";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.sig";
    private static final long MAX_MANIFEST_BYTES = 256L * 1024 * 1024;

    private final URI uri;
    private final FileSystem fs;
    private final Path root;

    private BackupStore(URI uri, FileSystem fs, Path root) {
        this.uri = uri;
        this.fs = fs;
        this.root = root;
    }

    public static BackupStore open(URI destination) {
        FileSystem fs = Storage.fileSystem(destination);
        return new BackupStore(destination, fs, fs.makeQualified(new Path(destination)));
    }

    public URI uri() {
        return uri;
    }

    public FileSystem fs() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public boolean isLocal() {
        return Storage.isLocal(fs);
    }

    /** {@code objects/ab/<sha256>.age}: where the object holding this plaintext lives, relative to the root. */
    public static String objectName(String plaintextSha256) {
        return OBJECTS + "/" + plaintextSha256.substring(0, 2) + "/" + plaintextSha256 + ".age";
    }

    public Path path(String relative) {
        return new Path(root, relative);
    }

    public Path setDir(String set) {
        return new Path(new Path(root, SETS), set);
    }

    public Path manifestPath(String set) {
        return new Path(setDir(set), MANIFEST);
    }

    public Path signaturePath(String set) {
        return new Path(setDir(set), SIGNATURE);
    }

    public Path tmpDir() {
        return new Path(root, TMP);
    }

    /** A fresh hidden name in tmp/ for an object being written by execution {@code execution}. */
    public Path newTempObject(long execution) {
        return new Path(tmpDir(), ".e" + execution + "-" + UUID.randomUUID() + ".age.inprogress");
    }

    /** The execution id encoded in a temp object's name, or -1 when the name is not ours. */
    public static long tempOwner(String name) {
        if (!name.startsWith(".e") || !name.endsWith(".age.inprogress")) {
            return -1;
        }
        int dash = name.indexOf('-');
        try {
            return dash < 0 ? -1 : Long.parseLong(name.substring(2, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Optional<FileStatus> status(Path p) {
        try {
            return Optional.of(fs.getFileStatus(p));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(Path p) {
        return status(p).isPresent();
    }

    /** Visible children of a directory (names not starting with '.' or '_'), sorted; empty if it does not exist. */
    public List<FileStatus> list(Path dir) {
        try {
            if (!fs.exists(dir)) {
                return List.of();
            }
            List<FileStatus> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (!n.startsWith(".") && !n.startsWith("_")) {
                    out.add(s);
                }
            }
            out.sort(Comparator.comparing(s -> s.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every child of a directory, hidden ones included. */
    public List<FileStatus> listAll(Path dir) {
        try {
            return fs.exists(dir) ? List.of(fs.listStatus(dir)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every object file under objects/ (for retention's orphan sweep). */
    public List<FileStatus> objects() {
        List<FileStatus> out = new ArrayList<>();
        for (FileStatus prefix : list(new Path(root, OBJECTS))) {
            if (prefix.isDirectory()) {
                for (FileStatus o : list(prefix.getPath())) {
                    if (o.isFile() && o.getPath().getName().endsWith(".age")) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    public List<String> setIds() {
        return list(new Path(root, SETS)).stream().filter(FileStatus::isDirectory).map(s -> s.getPath().getName()).toList();
    }

    public FSDataInputStream open(Path p) throws IOException {
        return fs.open(p);
    }

    public byte[] readAll(Path p) throws IOException {
        long len = fs.getFileStatus(p).getLen();
        if (len > MAX_MANIFEST_BYTES) {
            throw new IOException(p + " is " + len + " bytes, larger than any manifest or record Custodia writes");
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** Reads a set and checks its signature; never throws for a damaged set, says what is wrong instead. */
    public LoadedSet load(String set, SignatureVerifier verifier) {
        Path manifest = manifestPath(set);
        Path sig = signaturePath(set);
        try {
            if (!fs.exists(manifest)) {
                return new LoadedSet(set, exists(setDir(set)) ? SetStatus.UNSIGNED : SetStatus.NOT_FOUND, null, null,
                        exists(setDir(set)) ? "no manifest.json" : null);
            }
            if (!fs.exists(sig)) {
                return new LoadedSet(set, SetStatus.UNSIGNED, null, null, null);
            }
            byte[] bytes = readAll(manifest);
            byte[] signature = readAll(sig);
            if (!verifier.verify(bytes, signature)) {
                return new LoadedSet(set, SetStatus.BAD_SIGNATURE, null, Hashes.sha256Hex(bytes), "verified with key " + verifier.keyId());
            }
            Manifest m = Json.MAPPER.readValue(bytes, Manifest.class);
            if (!Manifest.FORMAT.equals(m.format()) || !set.equals(m.set())) {
                return new LoadedSet(set, SetStatus.MALFORMED, null, Hashes.sha256Hex(bytes),
                        "format '" + m.format() + "', set '" + m.set() + "'");
            }
            return new LoadedSet(set, SetStatus.VALID, m, Hashes.sha256Hex(bytes), null);
        } catch (JacksonException e) {
            return new LoadedSet(set, SetStatus.MALFORMED, null, null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read set " + set + " at " + setDir(set) + ": " + e.getMessage(), e);
        }
    }

    public List<LoadedSet> loadAll(SignatureVerifier verifier) {
        return setIds().stream().map(id -> load(id, verifier)).toList();
    }

    /** Valid sets, oldest first. */
    public List<Manifest> validSets(SignatureVerifier verifier) {
        return loadAll(verifier).stream().filter(LoadedSet::valid).map(LoadedSet::manifest)
                .sorted(Comparator.comparing(Manifest::createdAt)).toList();
    }

    /** Rotation records whose signature verifies, oldest first; unsigned or bad ones are ignored (they prove nothing). */
    public List<RotationRecord> validRotations(SignatureVerifier verifier) {
        List<RotationRecord> out = new ArrayList<>();
        for (FileStatus s : list(new Path(root, ROTATIONS))) {
            String n = s.getPath().getName();
            if (!n.endsWith(".json")) {
                continue;
            }
            Path sig = new Path(s.getPath().getParent(), n + ".sig");
            try {
                if (!fs.exists(sig)) {
                    continue;
                }
                byte[] bytes = readAll(s.getPath());
                if (verifier.verify(bytes, readAll(sig))) {
                    RotationRecord r = Json.MAPPER.readValue(bytes, RotationRecord.class);
                    if (RotationRecord.FORMAT.equals(r.format())) {
                        out.add(r);
                    }
                }
            } catch (JacksonException ignored) {
                // a signed record we cannot parse states nothing we can use
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + s.getPath() + ": " + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(RotationRecord::createdAt));
        return out;
    }

    public ObjectIndex index(SignatureVerifier verifier) {
        return ObjectIndex.of(validSets(verifier), validRotations(verifier));
    }

    /** Writes {@code content} to {@code target} via a hidden temporary sibling: durable, then renamed into place. */
    public void writeDurably(Path target, byte[] content) {
        mkdirs(target.getParent());
        Path tmp = Storage.inProgressPath(target, UUID.randomUUID().toString());
        try {
            try (OutputStream out = new DurableOutputStream(fs, tmp)) {
                out.write(content);
            }
            Storage.atomicReplace(fs, tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e instanceof RuntimeException r ? r : new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), (IOException) e);
        }
    }

    /** Signs {@code content} and writes the detached signature beside {@code file} as {@code file.sig}. */
    public void writeSignature(Path file, byte[] content, Signer signer) {
        writeDurably(new Path(file.getParent(), file.getName() + ".sig"), signer.sign(content));
    }

    public static byte[] toJson(Object value) {
        return Json.PRETTY.writeValueAsBytes(value);
    }

    public void mkdirs(Path dir) {
        try {
            if (isLocal()) {
                // not fs.mkdirs: Hadoop's local filesystem forks a chmod process for each directory
                java.nio.file.Path local = local(dir);
                if (!java.nio.file.Files.isDirectory(local)) {
                    java.nio.file.Files.createDirectories(local);
                    if (local.getParent() != null) {
                        Storage.syncDirectory(local.getParent());
                    }
                }
            } else if (!fs.exists(dir)) {
                fs.mkdirs(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames a finished temporary file onto its final name in one step, replacing what is there.
     * The directory is not synced: call {@link #syncDirectories} before anything durable refers to it.
     */
    public void moveInto(Path from, Path to) {
        if (!isLocal()) {
            Storage.atomicReplace(fs, from, to);
            return;
        }
        try {
            java.nio.file.Files.move(local(from), local(to),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Forces the directories holding these files (relative names) to stable storage, each once; nothing to do on HDFS. */
    public void syncDirectories(java.util.Collection<String> relativeFiles) {
        if (!isLocal()) {
            return;
        }
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        relativeFiles.forEach(f -> dirs.add(path(f).getParent()));
        try {
            for (Path d : dirs) {
                Storage.syncDirectory(local(d));
            }
            Storage.syncDirectory(local(path(OBJECTS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the object directories of " + root + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small file without making it durable (a hint that may be lost in a crash, like a progress journal). */
    public void writeHint(Path target, byte[] content) {
        try {
            if (isLocal()) {
                // not fs.create: Hadoop's local filesystem forks a chmod process for each file it creates
                java.nio.file.Path local = local(target);
                java.nio.file.Files.createDirectories(local.getParent());
                java.nio.file.Files.write(local, content);
                return;
            }
            try (OutputStream out = fs.create(target, true)) {
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code from} to {@code to} (a new name) in one rename. */
    public void rename(Path from, Path to) {
        try {
            mkdirs(to.getParent());
            if (!fs.rename(from, to)) {
                throw new IOException("rename returned false");
            }
            if (isLocal()) {
                Storage.syncDirectory(local(to.getParent()));
                Storage.syncDirectory(local(from.getParent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public void delete(Path p, boolean recursive) {
        try {
            fs.delete(p, recursive);
            if (isLocal() && p.getParent() != null && fs.exists(p.getParent())) {
                Storage.syncDirectory(local(p.getParent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    public void deleteQuietly(Path p) {
        try {
            fs.delete(p, false);
        } catch (IOException ignored) {
            // a leftover hidden temporary file is never read as data
        }
    }

    private java.nio.file.Path local(Path p) {
        return java.nio.file.Path.of(fs.makeQualified(p).toUri());
    }

    @Override
    public String toString() {
        return "BackupStore[" + root + "]";
    }
}
