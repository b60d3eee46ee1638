package io.custodia.batch;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A runnable job file from {@code jobs/}: which job, which catalog, and the job's own section
 * (named after the job, e.g. {@code inventory:}), which the job validates itself.
 *
 * <pre>
 * job: inventory
 * catalog: ../sample-data/catalog.yaml
 * description: nightly personal-data inventory
 * inventory: { ... }
 * </pre>
 */
public record JobFile(Path path, String job, String description, Path catalogPath, YamlNode root) {
    private static final Set<String> COMMON_KEYS = Set.of("job", "catalog", "description", "threads");

    public static JobFile load(Path file, Set<String> knownJobs) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new io.custodia.config.ConfigException(abs + ":1:1: no such job file");
        }
        YamlNode root = YamlNode.load(abs);
        YamlNode jobNode = root.require("job");
        String job = jobNode.asString();
        if (!knownJobs.contains(job)) {
            throw jobNode.error("unknown job '" + job + "'; this Custodia has: " + String.join(", ", knownJobs.stream().sorted().toList()));
        }
        Set<String> allowed = new HashSet<>(COMMON_KEYS);
        allowed.add(job);
        root.requireOnlyKeys(allowed);
        YamlNode catalogNode = root.require("catalog");
        Path catalog = abs.getParent().resolve(catalogNode.asString()).normalize();
        if (!Files.isRegularFile(catalog)) {
            throw catalogNode.error("the catalog file " + catalog + " does not exist");
        }
        return new JobFile(abs, job, root.optionalString("description").orElse(job), catalog, root);
    }

    /** The job's own section, or an empty mapping-less optional. */
    public java.util.Optional<YamlNode> section() {
        return root.optional(job);
    }

    public Catalog catalog() {
        return CatalogLoader.load(catalogPath);
    }

    /** A short stable name for reports and the JobRepository: the file name without extension. */
    public String name() {
        String n = path.getFileName().toString();
        return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n.endsWith(".yml") ? n.substring(0, n.length() - 4) : n;
    }

    public java.util.OptionalInt threads() {
        return root.optional("threads").map(n -> java.util.OptionalInt.of(n.asInt())).orElse(java.util.OptionalInt.empty());
    }
}
