package io.custodia.storage;

import io.custodia.catalog.DataFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Files on any Hadoop filesystem, as the jobs need them: listing a dataset's files, making a
 * finished file durable, and swapping a new version in atomically.
 *
 * <p>Local files go through {@link RawLocalFileSystem} so that no {@code .crc} side files appear
 * next to the data (they would be backed up, purged and inventoried like data), and which sets
 * permissions without forking {@code chmod} ({@link LocalFiles}).
 */
public final class Storage {
    private static final Configuration BASE = newConfiguration();

    private Storage() {
    }

    private static Configuration newConfiguration() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", LocalFiles.class.getName());
        // Not cached: the FileSystem cache is keyed by scheme, not configuration, and Hadoop itself (e.g. a
        // DataNode in tests) casts the cached file:// instance to LocalFileSystem.
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    /** A copy of the shared configuration; callers may add their own settings (e.g. fs.defaultFS). */
    public static Configuration configuration() {
        return new Configuration(BASE);
    }

    public static FileSystem fileSystem(URI uri) {
        return fileSystem(uri, BASE);
    }

    public static FileSystem fileSystem(URI uri, Configuration conf) {
        try {
            return FileSystem.get(uri, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the filesystem of " + uri + ": " + e.getMessage(), e);
        }
    }

    public static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    /**
     * The data files at a location: the file itself, or the visible files with the format's
     * extension in the directory (recursively), sorted by path. Names starting with '.' or '_'
     * are in-progress or marker files and never data.
     */
    public static List<FileStatus> dataFiles(URI location, DataFormat format) {
        FileSystem fs = fileSystem(location);
        Path path = new Path(location);
        try {
            FileStatus status = fs.getFileStatus(path);
            List<FileStatus> out = new ArrayList<>();
            if (status.isFile()) {
                out.add(status);
            } else {
                collect(fs, path, format, out);
            }
            out.sort(Comparator.comparing(s -> s.getPath().toString()));
            return out;
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(new FileNotFoundException("dataset location " + location + " does not exist"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    private static void collect(FileSystem fs, Path dir, DataFormat format, List<FileStatus> out) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (s.isDirectory()) {
                collect(fs, s.getPath(), format, out);
            } else if (name.endsWith("." + format.extension())) {
                out.add(s);
            }
        }
    }

    /**
     * Forces a closed file and its directory entry to stable storage. On HDFS a closed file is
     * already complete on the datanodes (close waits for the pipeline), so there is nothing to add.
     */
    public static void sync(FileSystem fs, Path file) {
        if (!isLocal(fs)) {
            return;
        }
        java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(file).toUri());
        try {
            try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
                ch.force(true);
            }
            syncDirectory(local.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force " + local + " to disk: " + e.getMessage(), e);
        }
    }

    public static void syncDirectory(java.nio.file.Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Renames {@code from} onto {@code to} in one step, replacing {@code to} if it exists: a reader
     * sees the old file or the new one, never neither. Local: rename(2); HDFS: rename with OVERWRITE.
     */
    public static void atomicReplace(FileSystem fs, Path from, Path to) {
        try {
            if (isLocal(fs)) {
                java.nio.file.Path src = java.nio.file.Path.of(fs.makeQualified(from).toUri());
                java.nio.file.Path dst = java.nio.file.Path.of(fs.makeQualified(to).toUri());
                try {
                    Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the filesystem cannot rename " + src + " atomically", e);
                }
                syncDirectory(dst.getParent());
            } else {
                FileContext fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
                fc.rename(from, to, Options.Rename.OVERWRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** A hidden sibling name for writing {@code target} before it is complete. */
    public static Path inProgressPath(Path target, String token) {
        return new Path(target.getParent(), "." + target.getName() + ".inprogress-" + token);
    }
}
