package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One input a plan was computed from, as it was then: a data file, a register file, the catalog or
 * the job file, with its size and SHA-256. Executing a plan whose inputs no longer match is refused.
 *
 * @param kind    {@code data}, {@code erasure-requests}, {@code legal-holds}, {@code catalog}, {@code job-file}
 * @param dataset the dataset it belongs to, or null for the catalog and the job file
 */
public record InputFile(String kind, String dataset, String uri, long size, String sha256) {

    public static InputFile of(String kind, String dataset, URI uri) {
        FileSystem fs = Storage.fileSystem(uri);
        Path p = new Path(uri);
        try {
            long size = fs.getFileStatus(p).getLen();
            return new InputFile(kind, dataset, uri.toString(), size, sha256(fs, p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + " to fingerprint it: " + e.getMessage(), e);
        }
    }

    public static String sha256(FileSystem fs, Path p) throws IOException {
        MessageDigest md = Hashes.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = fs.open(p, 1 << 20)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** What differs from the planned state, in words, or null when nothing does. */
    public String differenceFrom(InputFile now) {
        if (now == null) {
            return uri + " is gone";
        }
        if (size != now.size) {
            return uri + " changed size (" + size + " → " + now.size + " bytes)";
        }
        if (!sha256.equals(now.sha256)) {
            return uri + " changed content (SHA-256 differs)";
        }
        return null;
    }
}
