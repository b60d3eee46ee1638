package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SipHash-2-4 against the reference vectors of Aumasson and Bernstein, and against OpenSSL's implementation. */
class SipHashTest {
    static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    static byte[] counting(int n) {
        byte[] m = new byte[n];
        for (int i = 0; i < n; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    /** The output as the reference prints it: the 64-bit value's bytes, little-endian, in hex. */
    static String le(long v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return b.toString();
    }

    @Test
    void referenceVectors() {
        SipHash h = SipHash.of(KEY);
        // vectors.h of the reference implementation: messages 00, 00 01, … under key 00…0f
        assertThat(le(h.hash(counting(0)))).isEqualTo("310e0edd47db6f72");
        assertThat(le(h.hash(counting(1)))).isEqualTo("fd67dc93c539f874");
        assertThat(le(h.hash(counting(7)))).isEqualTo("37d1018bf50002ab");
        assertThat(le(h.hash(counting(8)))).isEqualTo("6224939a79f5f593");
        assertThat(le(h.hash(counting(15)))).isEqualTo("e545be4961ca29a1");
        assertThat(le(h.hash(counting(63)))).isEqualTo("724506eb4c328a95");
    }

    @Test
    void charactersHashAsTheirUtf16LittleEndianBytes() {
        SipHash h = SipHash.of(KEY);
        SplittableRandom r = new SplittableRandom(5);
        for (int len = 0; len < 70; len++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < len; i++) {
                s.append((char) (i % 3 == 0 ? 'a' + r.nextInt(26) : r.nextInt(0xd800)));
            }
            assertThat(h.hash(s)).as("length %d", len).isEqualTo(h.hash(s.toString().getBytes(StandardCharsets.UTF_16LE)));
        }
    }

    @Test
    void latin1BytesHashAsTheirCharacters() {
        SipHash h = SipHash.of(KEY);
        SplittableRandom r = new SplittableRandom(6);
        for (int len = 0; len < 70; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            String s = new String(b, 2, len, StandardCharsets.ISO_8859_1);
            assertThat(h.hashLatin1(b, 2, len)).as("length %d", len).isEqualTo(h.hash(s));
        }
    }

    @Test
    void agreesWithOpenSsl(@TempDir Path tmp) throws Exception {
        assumeTrue(available(), "openssl is not installed");
        SplittableRandom r = new SplittableRandom(11);
        for (int len : new int[] {0, 3, 8, 31, 64, 65, 200}) {
            byte[] key = new byte[16];
            byte[] msg = new byte[len];
            r.nextBytes(key);
            r.nextBytes(msg);
            Path in = tmp.resolve("m" + len);
            Files.write(in, msg);
            Process p = new ProcessBuilder("openssl", "mac", "-macopt", "hexkey:" + HexFormat.of().formatHex(key), "-macopt", "size:8",
                    "-in", in.toString(), "SIPHASH").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().toLowerCase();
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(le(SipHash.of(key).hash(msg))).as("length %d", len).isEqualTo(out);
        }
    }

    static boolean available() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
