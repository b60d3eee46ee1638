package io.custodia.inventory;

import io.custodia.batch.JobFile;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.config.YamlNode;
import java.util.List;
import java.util.Set;

/**
 * The {@code inventory:} section of a job file.
 *
 * <pre>
 * inventory:
 *   datasets: [customers, orders]   # default: every dataset in the catalog
 *   flag-min-values: 1              # how many personal-looking values make a general column suspect
 * </pre>
 */
public record InventorySettings(List<String> datasets, long flagMinValues) {
    public static InventorySettings from(JobFile file, Catalog catalog) {
        YamlNode section = file.section().orElse(null);
        List<String> datasets = catalog.datasets().stream().map(Dataset::name).toList();
        long min = 1;
        if (section != null) {
            section.requireOnlyKeys(Set.of("datasets", "flag-min-values"));
            if (section.optional("datasets").isPresent()) {
                YamlNode list = section.require("datasets");
                datasets = list.asStringList();
                for (YamlNode n : list.isScalar() ? List.of(list) : list.asList()) {
                    if (catalog.dataset(n.asString()).isEmpty()) {
                        throw n.error("dataset '" + n.asString() + "' is not in the catalog " + catalog.source()
                                + "; it has " + catalog.datasets().stream().map(Dataset::name).toList());
                    }
                }
            }
            min = section.optional("flag-min-values").map(YamlNode::asLong).orElse(1L);
            if (min < 1) {
                throw section.require("flag-min-values").error("must be at least 1");
            }
        }
        return new InventorySettings(List.copyOf(datasets), min);
    }
}
