package io.custodia.purge;

import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The executions under way, from their journals. A new execution of a job file is refused while
 * another of the same job file is unfinished: its kept old versions still await overwrite and its
 * certificate is not issued yet, and a second plan over the same files would strand them.
 */
final class Executions {
    private Executions() {
    }


    static void begin(PurgeDirectories dirs, DestructionPlan plan, Scope scope, long executionId) {
        Path meta = dirs.journal(FilePurger.executionKey(plan, scope)).resolve("meta.json");
        if (Files.exists(meta)) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", plan.id());
        m.put("scope", scope.code());
        m.put("jobFile", plan.jobFile());
        m.put("firstExecution", executionId);
        DurableFiles.write(meta, Json.PRETTY.writeValueAsString(m));
    }

    static void requireNoOtherUnfinished(PurgeDirectories dirs, DestructionPlan plan, Scope scope) {
        Path root = dirs.root().resolve("journal");
        if (!Files.isDirectory(root)) {
            return;
        }
        String mine = FilePurger.executionKey(plan, scope);
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : s.toList()) {
                Path meta = d.resolve("meta.json");
                if (d.getFileName().toString().equals(mine) || !Files.exists(meta) || new PurgeJournal(d).complete()) {
                    continue;
                }
                JsonNode m = Json.MAPPER.readTree(DurableFiles.read(meta));
                if (m.path("jobFile").asString().equals(plan.jobFile())) {
                    throw new IllegalStateException("the purge of plan " + m.path("plan").asString() + " (scope "
                            + Scope.ofCode(m.path("scope").asString()).describe() + ", execution " + m.path("firstExecution").asLong()
                            + ") is unfinished: finish it first (`custodia restart <execution>` or run its job file and date again); "
                            + "nothing was destroyed by this run");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
