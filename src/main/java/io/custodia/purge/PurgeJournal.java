package io.custodia.purge;

import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The journal of one execution (a plan in a scope): one small JSON file per data file, replaced
 * atomically at each step, plus the keyed subject hashes each file's destruction touched, and the
 * certificate's state. Holds counts, paths, hashes and keyed hashes only.
 */
final class PurgeJournal {
    private final Path dir;

    PurgeJournal(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    private Path entryFile(int index) {
        return dir.resolve("files").resolve(String.format("%06d.json", index));
    }

    Path subjectsFile(int index) {
        return dir.resolve("files").resolve(String.format("%06d.subjects", index));
    }

    Optional<FileEntry> file(int index) {
        Path f = entryFile(index);
        return Files.exists(f) ? Optional.of(Json.MAPPER.readValue(DurableFiles.read(f), FileEntry.class)) : Optional.empty();
    }

    void put(FileEntry e) {
        DurableFiles.write(entryFile(e.index), Json.PRETTY.writeValueAsString(e));
    }

    List<FileEntry> files() {
        Path d = dir.resolve("files");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            List<FileEntry> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d{6}\\.json")).toList()) {
                out.add(Json.MAPPER.readValue(DurableFiles.read(p), FileEntry.class));
            }
            out.sort(Comparator.comparingInt(e -> e.index));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificate as first built (so a resumed run certifies the same bytes), once written. */
    Path certificateFile() {
        return dir.resolve("certificate.json");
    }

    /** Marks that the certificate and its erasure records are in the ledger: the execution is complete. */
    Path ledgeredMarker() {
        return dir.resolve("ledgered");
    }

    boolean complete() {
        return Files.exists(ledgeredMarker());
    }
}
