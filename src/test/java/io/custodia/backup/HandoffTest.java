package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two-thread copy of big files: same bytes in the same order, flush waits, a failing sink fails the copy. */
class HandoffTest {

    /** Records what reaches it; optionally fails on the n-th write. */
    static final class Sink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int failOnWrite;
        int writes;
        int flushes;
        long bytesAtFlush = -1;

        Sink(int failOnWrite) {
            this.failOnWrite = failOnWrite;
        }

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte writes are not expected");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (++writes == failOnWrite) {
                throw new IOException("disk full");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
            bytesAtFlush = bytes.size();
        }
    }

    static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(7).nextBytes(d);
        return d;
    }

    /** Sends {@code data} in pieces of at most one buffer, the way ObjectWriter does. */
    static void send(Handoff h, byte[] data, int from, int to) throws IOException {
        for (int off = from; off < to; ) {
            byte[] buf = h.take();
            int n = Math.min(buf.length, to - off);
            System.arraycopy(data, off, buf, 0, n);
            h.send(buf, n);
            off += n;
        }
    }

    @Test
    void everyByteArrivesInOrderThoughBuffersAreReused() throws IOException {
        byte[] data = data(Handoff.BUFFER * (Handoff.BUFFERS * 3) + 12345);
        Sink sink = new Sink(0);
        try (Handoff h = new Handoff(sink)) {
            send(h, data, 0, data.length);
        }
        assertThat(sink.bytes.toByteArray()).isEqualTo(data);
    }

    @Test
    void flushReturnsOnlyOnceEverythingSentIsWrittenAndTheSinkFlushed() throws IOException {
        byte[] data = data(Handoff.BUFFER * 3 + 99);
        int half = Handoff.BUFFER * 2;
        Sink sink = new Sink(0);
        try (Handoff h = new Handoff(sink)) {
            send(h, data, 0, half);
            h.flush();
            assertThat(sink.flushes).isEqualTo(1);
            assertThat(sink.bytesAtFlush).isEqualTo(half);
            assertThat(Arrays.copyOf(sink.bytes.toByteArray(), half)).isEqualTo(Arrays.copyOf(data, half));
            send(h, data, half, data.length);
        }
        assertThat(sink.bytes.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFailingSinkFailsTheCopyAndNothingIsWrittenAfterTheFailure() {
        byte[] data = data(Handoff.BUFFER * (Handoff.BUFFERS * 4));
        Sink sink = new Sink(2);
        assertThatThrownBy(() -> {
            try (Handoff h = new Handoff(sink)) {
                send(h, data, 0, data.length);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
        assertThat(sink.bytes.size()).as("only the write before the failing one").isEqualTo(Handoff.BUFFER);
    }
}
