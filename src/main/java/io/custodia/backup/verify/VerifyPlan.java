package io.custodia.backup.verify;

import io.custodia.backup.store.ManifestEntry;
import java.util.List;

/**
 * What a drill checks, fixed in its plan step and kept in the job's execution context: the set
 * (and its manifest hash), the sampled objects grouped into partitions, and problems found before
 * any object was read (set missing, manifest unsigned or edited, identity unusable).
 */
public record VerifyPlan(String destination, String set, String manifestSha256, String signingKey, int objectsInSet, long ciphertextBytesInSet,
        double sample, long seed, String identity, List<Part> partitions, List<CheckResult.Finding> fatal, List<String> damagedSets) {
    public VerifyPlan {
        partitions = List.copyOf(partitions);
        fatal = List.copyOf(fatal);
        damagedSets = List.copyOf(damagedSets);
    }

    /** Objects one worker checks; each inner list holds the manifest entries that share one object. */
    public record Part(String key, List<List<ManifestEntry>> objects) {
        public Part {
            objects = objects.stream().map(List::copyOf).toList();
        }
    }

    public Part part(String key) {
        return partitions.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the drill plan has no partition " + key));
    }

    public int objectsSampled() {
        return partitions.stream().mapToInt(p -> p.objects().size()).sum();
    }
}
