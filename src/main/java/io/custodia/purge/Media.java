package io.custodia.purge;

import io.custodia.storage.Storage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;

/**
 * Finds out what an overwrite can achieve where a file lives, so the certificate claims no more:
 * on a local filesystem that writes in place, overwriting the file reaches the blocks that held it
 * (NIST SP 800-88 "Clear", at file level); on a copy-on-write or log-structured one it writes new
 * blocks and the old ones survive; on HDFS and object stores there is no in-place overwrite at all.
 */
final class Media {
    /** Filesystems whose overwrites go to new blocks. */
    private static final Set<String> COPY_ON_WRITE = Set.of("btrfs", "zfs", "bcachefs", "nilfs2", "f2fs", "overlay", "aufs", "fuse.sshfs");

    private Media() {
    }

    static Medium of(FileSystem fs, org.apache.hadoop.fs.Path file) {
        if (!Storage.isLocal(fs)) {
            return new Medium(fs.getUri().getScheme(), fs.getUri().getScheme(), null, null, false,
                    fs.getUri().getScheme() + " has no in-place overwrite: files are immutable once closed; deleting a file "
                            + "frees its blocks on the DataNodes, which overwrite them only when they reuse them");
        }
        Path local = Path.of(fs.makeQualified(file).toUri());
        String type = "unknown";
        try {
            FileStore store = Files.getFileStore(local);
            type = store.type();
        } catch (IOException ignored) {
            // type stays unknown: then no in-place claim is made
        }
        String[] mount = mountOf(local);
        boolean inPlace = !type.equals("unknown") && !COPY_ON_WRITE.contains(type);
        StringBuilder caveat = new StringBuilder("file-level overwrite through the filesystem: copies outside this file "
                + "(filesystem journal, snapshots, backups, copies made before this run) and remapping below the filesystem "
                + "(SSD wear levelling, thin or virtual disks) are not reached");
        if (!inPlace) {
            caveat.insert(0, type + " does not overwrite in place (copy-on-write or unknown): the overwrite wrote new blocks; ");
        }
        if (mount[1] != null && List.of(mount[1].split(",")).contains("discard")) {
            caveat.append("; mounted with 'discard': freed blocks are trimmed, and what the device keeps of them is its own business");
        }
        if (mount[1] != null && mount[1].contains("data=journal")) {
            caveat.append("; data=journal: file data also passed through the filesystem journal");
        }
        return new Medium("file", type, mount[0], mount[1], inPlace, caveat.toString());
    }

    /** Mount point and options of the longest /proc/self/mounts entry containing {@code file}; nulls when unknown. */
    private static String[] mountOf(Path file) {
        Path mounts = Path.of("/proc/self/mounts");
        String bestPoint = null;
        String bestOptions = null;
        try {
            Path real = file.toRealPath();
            for (String line : Files.readAllLines(mounts)) {
                String[] f = line.split(" ");
                if (f.length < 4) {
                    continue;
                }
                String point = f[1].replace("\\040", " ");
                if (real.startsWith(point) && (bestPoint == null || point.length() > bestPoint.length())) {
                    bestPoint = point;
                    bestOptions = f[3];
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux or not readable: unknown
        }
        return new String[] {bestPoint, bestOptions};
    }
}
