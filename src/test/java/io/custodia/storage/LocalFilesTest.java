package io.custodia.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
    @TempDir
    Path tmp;

    @Test
    void localFilesGetExactlyThePermissionsAskedFor() throws Exception {
        FileSystem fs = Storage.fileSystem(tmp.toUri());
        assertThat(fs).isInstanceOf(LocalFiles.class);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("a.bin").toUri());
        try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
            out.write(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a.bin")))).isEqualTo("rw-r-----");
        for (String mode : new String[] {"600", "755", "421", "000", "777"}) {
            fs.setPermission(file, new FsPermission(Short.parseShort(mode, 8)));
            assertThat(Integer.toOctalString(posixMode(tmp.resolve("a.bin")))).as(mode).isEqualTo(mode.replaceFirst("^0+(?=.)", ""));
        }
        assertThat(fs.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0777);
        assertThat(tmp.resolve(".a.bin.crc")).doesNotExist();
    }

    private static int posixMode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode") & 0777;
    }
}
