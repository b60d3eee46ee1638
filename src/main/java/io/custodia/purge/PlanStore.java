package io.custodia.purge;

import io.custodia.crypto.Hashes;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plans as files, {@code <plans>/<id>.json}. A plan is written once: planning the same inputs again
 * gives the same id and keeps the first file (and its SHA-256, which an approval names).
 */
final class PlanStore {
    private final Path dir;

    PlanStore(Path dir) {
        this.dir = dir;
    }

    Path file(String id) {
        return dir.resolve(id + ".json");
    }

    /** Stores the plan unless a plan with its id exists; returns the stored one. */
    DestructionPlan save(DestructionPlan plan) {
        Path f = file(plan.id());
        if (Files.exists(f)) {
            return load(plan.id());
        }
        DurableFiles.write(f, Json.PRETTY.writeValueAsString(plan));
        return plan;
    }

    DestructionPlan load(String id) {
        if (!id.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("'" + id + "' is not a plan id (they look like 2026-11-25-3f2a9c1b7e4d)");
        }
        Path f = file(id);
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("there is no plan " + id + " in " + dir + (known().isEmpty() ? "" : "; plans there: " + known()));
        }
        DestructionPlan p = Json.MAPPER.readValue(DurableFiles.read(f), DestructionPlan.class);
        if (!DestructionPlan.FORMAT.equals(p.format()) || !id.equals(p.id())) {
            throw new IllegalStateException(f + " is not a purge plan of this Custodia (format " + p.format() + ", id " + p.id() + ")");
        }
        return p;
    }

    String sha256(String id) {
        try {
            return Hashes.sha256Hex(Files.readAllBytes(file(id)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> known() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9-]+[0-9a-f]{12}\\.json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
