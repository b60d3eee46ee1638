package io.custodia.backup;

import io.custodia.backup.store.DatasetRef;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import io.custodia.parquet.DatasetFiles;
import io.custodia.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds every file a backup covers and gives it a logical path inside the set:
 * {@code catalog/<catalog file>}, {@code data/<dataset>/<path inside the dataset's location>} and
 * {@code extra/<name>/<path inside it>}. Hidden and in-progress files (names starting with '.' or
 * '_') are never data and never backed up.
 */
public final class SourceListing {
    private SourceListing() {
    }

    public static List<SourceFile> list(Catalog catalog, BackupSettings settings) {
        List<SourceFile> out = new ArrayList<>();
        java.nio.file.Path catalogFile = catalog.source().toAbsolutePath();
        out.add(file("catalog/" + catalogFile.getFileName(), null, "yaml", statusOf(catalogFile.toUri())));
        for (String name : settings.datasets()) {
            Dataset d = catalog.requireDataset(name);
            Path base = new Path(d.location());
            for (FileStatus f : DatasetFiles.list(d)) {
                String rel = relative(base, f.getPath());
                out.add(file("data/" + d.name() + "/" + (rel.isEmpty() ? f.getPath().getName() : rel), d.name(),
                        d.format().name().toLowerCase(), f));
            }
        }
        Set<String> extraNames = new HashSet<>();
        for (URI extra : settings.extraPaths()) {
            FileStatus top = statusOf(extra);
            String name = top.getPath().getName();
            if (!extraNames.add(name)) {
                throw new ConfigException("two extra paths end in the same name '" + name + "'; rename one (logical paths must be unique)");
            }
            List<FileStatus> files = new ArrayList<>();
            collect(Storage.fileSystem(extra), top, files);
            for (FileStatus f : files) {
                String rel = relative(top.getPath(), f.getPath());
                out.add(file("extra/" + name + (rel.isEmpty() ? "" : "/" + rel), null, null, f));
            }
        }
        return out;
    }

    public static List<DatasetRef> datasets(Catalog catalog, BackupSettings settings) {
        return settings.datasets().stream().map(catalog::requireDataset)
                .map(d -> new DatasetRef(d.name(), d.role().label(), d.format().name().toLowerCase(), d.subjectKey())).toList();
    }

    private static SourceFile file(String logical, String dataset, String format, FileStatus f) {
        return new SourceFile(logical, dataset, format, f.getPath().toUri().toString(), f.getLen(), f.getModificationTime());
    }

    static String relative(Path base, Path file) {
        String b = Path.getPathWithoutSchemeAndAuthority(base).toString();
        String p = Path.getPathWithoutSchemeAndAuthority(file).toString();
        if (p.equals(b)) {
            return "";
        }
        if (!p.startsWith(b.endsWith("/") ? b : b + "/")) {
            throw new IllegalStateException(file + " is not under " + base);
        }
        return p.substring(b.length() + (b.endsWith("/") ? 0 : 1));
    }

    private static FileStatus statusOf(URI uri) {
        FileSystem fs = Storage.fileSystem(uri);
        try {
            return fs.getFileStatus(new Path(uri));
        } catch (FileNotFoundException e) {
            throw new ConfigException("the path to back up " + uri + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void collect(FileSystem fs, FileStatus s, List<FileStatus> out) {
        if (s.isFile()) {
            out.add(s);
            return;
        }
        try {
            FileStatus[] children = fs.listStatus(s.getPath());
            java.util.Arrays.sort(children, java.util.Comparator.comparing(c -> c.getPath().getName()));
            for (FileStatus c : children) {
                String n = c.getPath().getName();
                if (!n.startsWith(".") && !n.startsWith("_")) {
                    collect(fs, c, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + s.getPath() + ": " + e.getMessage(), e);
        }
    }
}
