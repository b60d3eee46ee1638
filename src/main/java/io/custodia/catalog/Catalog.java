package io.custodia.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The datasets a company declares, loaded from {@code catalog.yaml} by {@link CatalogLoader}. */
public record Catalog(Path source, String company, List<Dataset> datasets) {
    public Catalog {
        datasets = List.copyOf(datasets);
    }

    public Optional<Dataset> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Dataset requireDataset(String name) {
        return dataset(name).orElseThrow(() -> new IllegalArgumentException(
                "the catalog " + source + " has no dataset '" + name + "'; it has " + datasets.stream().map(Dataset::name).toList()));
    }

    public List<Dataset> withRole(DatasetRole role) {
        return datasets.stream().filter(d -> d.role() == role).toList();
    }
}
