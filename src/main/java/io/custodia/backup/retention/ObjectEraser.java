package io.custodia.backup.retention;

import io.custodia.backup.store.BackupStore;
import io.custodia.batch.CrashPoints;
import io.custodia.crypto.age.AgeException;
import io.custodia.crypto.age.AgeHeader;
import io.custodia.storage.Storage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;

/**
 * Destroys one encrypted object so that nobody can decrypt it, not even with the backup identity.
 *
 * <p>Cryptographic erase first: the age header holds the only wrapped copies of the object's file
 * key, so overwriting it in place (random bytes, fsync, read back) leaves a payload no key opens;
 * the check that follows is that the file no longer parses as age at all. Then, where the
 * filesystem overwrites in place (local files), up to three full passes (0x00, 0xFF, random), each
 * fsync'd, the last read back; then the file is deleted and its directory synced.
 *
 * <p>HDFS (and object stores) cannot overwrite in place: there the object is only deleted, and the
 * outcome says so — its blocks are released, not overwritten. Physical media may keep old copies
 * of overwritten blocks too (SSD wear levelling, discard, snapshots): the outcome names the
 * filesystem so the certificate can say what was really achieved.
 */
public final class ObjectEraser {
    static final String CRASH_HEADER_ERASED = "retention.header-erased";
    private static final int BLOCK = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectEraser() {
    }

    public static ErasureOutcome destroy(BackupStore store, String object, int passes) {
        Path p = store.path(object);
        if (!store.exists(p)) {
            return new ErasureOutcome(object, 0, fsName(store, p), "already gone (destroyed by an earlier attempt of this run)", 0, 0, true,
                    "the object no longer exists", true);
        }
        if (!store.isLocal()) {
            long len = store.status(p).map(s -> s.getLen()).orElse(0L);
            store.delete(p, false);
            boolean gone = !store.exists(p);
            return new ErasureOutcome(object, len, fsName(store, p),
                    "deleted only: " + store.fs().getScheme() + " cannot overwrite a file in place, so neither the age header nor the payload was overwritten",
                    0, 0, gone, gone ? "the object no longer exists; its blocks were released to the storage, not overwritten"
                            : "DELETE FAILED: the object still exists", gone);
        }
        java.nio.file.Path local = java.nio.file.Path.of(store.fs().makeQualified(p).toUri());
        try {
            long len = Files.size(local);
            int header = cryptoErase(local);
            String check = decryptionCheck(local);
            CrashPoints.reached(CRASH_HEADER_ERASED);
            boolean verified = true;
            for (int pass = 0; pass < passes; pass++) {
                verified &= overwrite(local, len, pass, pass == passes - 1);
            }
            Files.delete(local);
            Storage.syncDirectory(local.getParent());
            String method = "cryptographic erase (age header, " + header + " bytes, overwritten in place with random bytes and read back)"
                    + (passes > 0 ? " + " + passes + "-pass overwrite (" + String.join(", ", Arrays.asList("0x00", "0xFF", "random").subList(0, passes))
                            + ", each fsync'd, last pass read back)" : "") + " + delete";
            return new ErasureOutcome(object, len, fsName(store, p), method, header, passes, verified, check, !Files.exists(local));
        } catch (NoSuchFileException e) {
            return new ErasureOutcome(object, 0, fsName(store, p), "already gone", 0, 0, true, "the object no longer exists", true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy " + local + ": " + e.getMessage(), e);
        }
    }

    /**
     * Overwrites the age header of a local object in place with random bytes, fsyncs and reads it
     * back. Returns the number of bytes overwritten. A file whose header no longer parses (an
     * earlier attempt got this far) has its first MiB overwritten instead.
     */
    public static int cryptoErase(java.nio.file.Path file) throws IOException {
        long size = Files.size(file);
        int length;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            length = AgeHeader.read(in).length();
        } catch (AgeException e) {
            length = (int) Math.min(size, AgeHeader.MAX_LENGTH);
        }
        byte[] noise = new byte[length];
        RANDOM.nextBytes(noise);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(noise), 0);
            ch.force(true);
            ByteBuffer back = ByteBuffer.allocate(length);
            while (back.hasRemaining() && ch.read(back, back.position()) >= 0) {
                // read until full
            }
            if (!Arrays.equals(back.array(), noise)) {
                throw new IOException("the header overwrite of " + file + " did not read back as written");
            }
        }
        return length;
    }

    /** Proves the file holds no age header any more: parsing it must fail. */
    static String decryptionCheck(java.nio.file.Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            AgeHeader.read(in);
        } catch (AgeException e) {
            return "the file no longer parses as age (" + e.reason() + "): no wrapped file key remains, so no identity can decrypt it";
        }
        throw new IOException("after overwriting its header " + file + " still parses as an age file; refusing to call it erased");
    }

    private static boolean overwrite(java.nio.file.Path file, long len, int pass, boolean verify) throws IOException {
        long seed = RANDOM.nextLong();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BLOCK, Math.max(1, len)));
            SplittableRandom random = new SplittableRandom(seed);
            for (long pos = 0; pos < len; pos += buf.capacity()) {
                fill(buf, pass, random, (int) Math.min(buf.capacity(), len - pos));
                writeFully(ch, buf, pos);
            }
            ch.force(true);
            if (!verify) {
                return true;
            }
            random = new SplittableRandom(seed);
            ByteBuffer expected = ByteBuffer.allocate(buf.capacity());
            for (long pos = 0; pos < len; pos += buf.capacity()) {
                int n = (int) Math.min(buf.capacity(), len - pos);
                fill(expected, pass, random, n);
                buf.clear().limit(n);
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) >= 0) {
                    // read until full
                }
                buf.flip();
                if (!buf.equals(expected)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void fill(ByteBuffer buf, int pass, SplittableRandom random, int n) {
        buf.clear().limit(n);
        switch (pass) {
            case 0 -> Arrays.fill(buf.array(), 0, n, (byte) 0x00);
            case 1 -> Arrays.fill(buf.array(), 0, n, (byte) 0xFF);
            default -> {
                byte[] a = buf.array();
                for (int i = 0; i < n; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        a[i + j] = (byte) (r >>> (8 * j));
                    }
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            p += ch.write(buf, p);
        }
    }

    private static String fsName(BackupStore store, Path p) {
        if (!store.isLocal()) {
            return store.fs().getScheme();
        }
        try {
            java.nio.file.Path local = java.nio.file.Path.of(store.fs().makeQualified(store.root()).toUri());
            return "file (" + Files.getFileStore(local).type() + ")";
        } catch (IOException e) {
            return "file";
        }
    }
}
