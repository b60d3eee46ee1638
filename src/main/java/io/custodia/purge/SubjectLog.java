package io.custodia.purge;

import io.custodia.catalog.Level;
import io.custodia.crypto.pseudo.SubjectHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which subjects one file's destruction touched, how (reason, levels, whole rows): collected with the
 * raw subject key in memory, written to the journal as keyed hashes only, one line
 * {@code <hash> <flags>} per subject, sorted. The certificate merges them across files for distinct
 * counts per dataset, reason and level, for the Merkle tree and for the erasure records.
 */
final class SubjectLog implements RowProcessor.Sink {
    private static final int LEVELS = Level.values().length;
    private final Map<String, Integer> flags = new HashMap<>();

    /** Bit for "lost a value of level l for reason r". */
    static int levelBit(Reason r, Level l) {
        return 1 << (r.ordinal() * LEVELS + l.ordinal());
    }

    /** Bit for "lost a whole row for reason r". */
    static int rowBit(Reason r) {
        return 1 << (Reason.values().length * LEVELS + r.ordinal());
    }

    @Override
    public void destroyed(String subject, Destruction d) {
        if (subject == null) {
            return;
        }
        int f = d.rowDeleted() ? rowBit(d.reason()) : 0;
        for (Level l : Level.values()) {
            if (d.levelValues()[l.ordinal()] > 0) {
                f |= levelBit(d.reason(), l);
            }
        }
        flags.merge(subject, f, (a, b) -> a | b);
    }

    void write(Path file, SubjectHasher hasher) {
        Map<String, Integer> hashed = new TreeMap<>();
        flags.forEach((subject, f) -> hashed.merge(hasher.hash(subject), f, (a, b) -> a | b));
        StringBuilder b = new StringBuilder();
        hashed.forEach((h, f) -> b.append(h).append(' ').append(Integer.toHexString(f)).append('\n'));
        DurableFiles.write(file, b.toString());
    }

    /** Reads a journal subjects file: keyed hash → flags. */
    static Map<String, Integer> read(Path file) {
        Map<String, Integer> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    int sp = line.indexOf(' ');
                    out.put(line.substring(0, sp), Integer.parseInt(line.substring(sp + 1), 16));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
