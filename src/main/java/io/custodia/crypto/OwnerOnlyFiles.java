package io.custodia.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes secret files so that nobody but the owner can read them at any moment: the file is
 * created with mode 0600 (not created then chmod'ed), and an existing file is never overwritten.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    public static void createSecret(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("refusing to overwrite the existing key file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file + ": " + e.getMessage(), e);
        }
    }
}
