package io.custodia.purge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the journal's per-file subject logs (each sorted by keyed hash) into one sorted stream of
 * distinct subjects with their flags OR-ed, reading one line per file at a time: the certificate of
 * a purge touching millions of customers never holds them all in memory.
 */
final class SubjectMerge implements AutoCloseable {
    /** One distinct subject: keyed hash and the {@link SubjectLog} flags of everything it lost. */
    record Subject(String hash, int flags) {
    }

    private record Head(String hash, int flags, BufferedReader in) {
    }

    private final PriorityQueue<Head> queue = new PriorityQueue<>(Comparator.comparing(Head::hash));
    private final List<BufferedReader> readers = new ArrayList<>();

    SubjectMerge(List<Path> logs) {
        try {
            for (Path p : logs) {
                if (Files.exists(p)) {
                    BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                    readers.add(r);
                    advance(r);
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void advance(BufferedReader r) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
                int sp = line.indexOf(' ');
                queue.add(new Head(line.substring(0, sp), Integer.parseInt(line.substring(sp + 1), 16), r));
                return;
            }
        }
    }

    /** The next distinct subject in hash order, or null at the end. */
    Subject next() {
        Head first = queue.poll();
        if (first == null) {
            return null;
        }
        int flags = first.flags();
        try {
            advance(first.in());
            while (!queue.isEmpty() && queue.peek().hash().equals(first.hash())) {
                Head same = queue.poll();
                flags |= same.flags();
                advance(same.in());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Subject(first.hash(), flags);
    }

    @Override
    public void close() {
        for (BufferedReader r : readers) {
            try {
                r.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }
}
