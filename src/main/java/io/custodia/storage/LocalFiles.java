package io.custodia.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local filesystem, setting permissions through java.nio. Without Hadoop's native
 * library (never shipped with Custodia) the stock one forks a {@code chmod} process for every file
 * it creates — a measurable share of a job that writes many small files.
 */
public final class LocalFiles extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        add(out, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(out, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(out, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        return out;
    }

    private static void add(Set<PosixFilePermission> out, FsAction a, PosixFilePermission r, PosixFilePermission w, PosixFilePermission x) {
        if (a.implies(FsAction.READ)) {
            out.add(r);
        }
        if (a.implies(FsAction.WRITE)) {
            out.add(w);
        }
        if (a.implies(FsAction.EXECUTE)) {
            out.add(x);
        }
    }
}
