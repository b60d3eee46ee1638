package io.custodia.backup.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Local scratch files for decrypted plaintext that must be read with random access (Parquet).
 * They hold personal data: created owner-only (0600 in a 0700 directory) from the first instant,
 * overwritten with zeros and deleted when done.
 */
public final class Scratch {
    private Scratch() {
    }

    public static Path create(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return Files.createTempFile(dir, "." + prefix + "-", ".plain", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    public static void wipe(Path file) {
        try {
            if (!Files.exists(file)) {
                return;
            }
            long len = Files.size(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, len)));
                for (long pos = 0; pos < len; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), len - pos));
                    pos += ch.write(zeros, pos);
                }
                ch.force(true);
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the plaintext scratch file " + file + ": " + e.getMessage(), e);
        }
    }
}
