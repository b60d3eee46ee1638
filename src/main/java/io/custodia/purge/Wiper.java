package io.custodia.purge;

import com.sun.nio.file.ExtendedOpenOption;
import io.custodia.batch.CrashPoints;
import io.custodia.crypto.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Overwrites a local file in place, the way the policy asks (seed 001 7.2, "DoD 5220.22-M"-style):
 * pass 1 0x00, pass 2 0xFF, pass 3 random (AES-256-CTR keystream under a fresh random key), each
 * over the whole length and forced to disk ({@code fsync}); then reads the whole file back —
 * bypassing the page cache with O_DIRECT where the filesystem allows — and compares it with the
 * random pass byte for byte. Truncation and deletion are separate ({@link #truncateAndDelete}) so the
 * journal can record the verified overwrite first.
 */
final class Wiper {
    static final String TOOL = "Custodia wiper (java.nio FileChannel positional writes + force(true); "
            + "O_DIRECT read-back)";
    static final List<String> PASSES = List.of("0x00", "0xFF", "random (AES-256-CTR keystream)");
    private static final int CHUNK = 4 << 20;

    private Wiper() {
    }

    static WipeResult overwrite(Path file) throws IOException {
        long length = Files.size(file);
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        random.nextBytes(iv);
        try {
            String written;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                fill(ch, length, (byte) 0x00);
                CrashPoints.reached("purge.overwrite.after-pass-1");
                fill(ch, length, (byte) 0xFF);
                CrashPoints.reached("purge.overwrite.after-pass-2");
                written = random(ch, length, key, iv);
            }
            return verify(file, length, written, key, iv);
        } finally {
            // the keystream key exists only to compare the read-back; nobody needs it afterwards
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void fill(FileChannel ch, long length, byte value) throws IOException {
        int size = (int) Math.min(CHUNK, Math.max(1, length));
        byte[] pattern = new byte[size];
        Arrays.fill(pattern, value);
        // one bulk copy; a put per byte into a direct buffer cost more than the pass's writes
        ByteBuffer buf = ByteBuffer.allocateDirect(size).put(pattern);
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(size, length - pos));
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
        }
        ch.force(true);
    }

    private static String random(FileChannel ch, long length, byte[] key, byte[] iv) throws IOException {
        Cipher ctr = keystream(key, iv);
        MessageDigest md = Hashes.sha256();
        byte[] out = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
        for (long pos = 0; pos < length; ) {
            int n = (int) Math.min(out.length, length - pos);
            keystream(ctr, n, out);
            digest(md, out, n);
            ByteBuffer b = ByteBuffer.wrap(out, 0, n);
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        }
        ch.force(true);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The JIT replaces AES-CTR and SHA-256 with AES-NI/SHA-NI code only in a method called thousands of
     * times; a few 4 MiB calls per file never get there and run ~40x slower in plain Java. Small slices
     * reach the fast code after the first few MiB.
     */
    private static final int SLICE = 2048;

    /** The next {@code n} keystream bytes into {@code out}: AES-CTR of zeros, encrypted in place. */
    private static void keystream(Cipher ctr, int n, byte[] out) {
        Arrays.fill(out, 0, n, (byte) 0);
        try {
            for (int off = 0; off < n; off += SLICE) {
                int len = Math.min(SLICE, n - off);
                if (ctr.update(out, off, len, out, off) != len) {
                    throw new IllegalStateException("AES-CTR returned a short keystream");
                }
            }
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest md, byte[] b, int n) {
        for (int off = 0; off < n; off += SLICE) {
            md.update(b, off, Math.min(SLICE, n - off));
        }
    }

    static Cipher keystream(byte[] key, byte[] iv) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available", e);
        }
    }

    /** Reads the whole file back (O_DIRECT when possible) and compares it with the random pass. */
    private static WipeResult verify(Path file, long length, String writtenSha, byte[] key, byte[] iv) throws IOException {
        Cipher ctr = keystream(key, iv);
        MessageDigest md = Hashes.sha256();
        byte[] expected = new byte[CHUNK];
        byte[] actual = new byte[CHUNK];
        int align = (int) Math.max(512, Files.getFileStore(file).getBlockSize());
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK + align).alignedSlice(align);
        buf.limit(CHUNK);
        String mode = "O_DIRECT";
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            mode = "page cache (the filesystem refused O_DIRECT)";
            ch = FileChannel.open(file, StandardOpenOption.READ);
        }
        long firstBad = -1;
        long pos = 0;
        try (FileChannel in = ch) {
            while (pos < length) {
                buf.clear().limit(CHUNK);
                int n = 0;
                while (n < CHUNK && pos + n < length) {
                    int r = in.read(buf, pos + n);
                    if (r <= 0) {
                        break;
                    }
                    n += r;
                }
                if (n == 0) {
                    break;
                }
                n = (int) Math.min(n, length - pos);
                buf.flip().limit(n);
                buf.get(actual, 0, n);
                digest(md, actual, n);
                keystream(ctr, n, expected);
                if (firstBad < 0) {
                    int m = Arrays.mismatch(actual, 0, n, expected, 0, n);
                    if (m >= 0) {
                        firstBad = pos + m;
                    }
                }
                pos += n;
            }
        }
        String readSha = HexFormat.of().formatHex(md.digest());
        boolean ok = firstBad < 0 && pos == length && readSha.equals(writtenSha);
        String verification = ok
                ? "read back all " + length + " bytes (" + mode + "): identical to the random pass (SHA-256 " + readSha + ")"
                : "read back " + pos + " of " + length + " bytes (" + mode + "): "
                        + (firstBad >= 0 ? "differs from the random pass at byte " + firstBad : "short read");
        return new WipeResult(PASSES, length, ok, mode.startsWith("O_DIRECT") ? "O_DIRECT" : "page cache", verification, writtenSha);
    }

    /** Cuts the file to zero length (forced), then deletes it and forces the directory. */
    static void truncateAndDelete(Path file) throws IOException {
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.force(true);
            }
            Files.delete(file);
        }
        io.custodia.storage.Storage.syncDirectory(file.getParent());
    }
}
