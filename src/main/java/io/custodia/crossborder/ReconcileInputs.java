package io.custodia.crossborder;

import io.custodia.batch.JobFile;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.config.ConfigException;
import java.nio.file.Path;
import java.util.List;

/** The two datasets reconcile reads, found by role in the job file's catalog (exactly one of each). */
record ReconcileInputs(Catalog catalog, Dataset ledger, Dataset egress, Locations locations) {
    static ReconcileInputs of(JobFile file) {
        Catalog catalog = file.catalog();
        Dataset ledger = single(catalog, DatasetRole.TRANSFER_LEDGER);
        Dataset egress = single(catalog, DatasetRole.EGRESS_LOG);
        Path base = catalog.source().toAbsolutePath().getParent();
        return new ReconcileInputs(catalog, ledger, egress, new Locations(base));
    }

    private static Dataset single(Catalog catalog, DatasetRole role) {
        List<Dataset> found = catalog.withRole(role);
        if (found.size() != 1) {
            throw new ConfigException(catalog.source() + ":1:1: reconcile needs exactly one dataset with role " + role.label() + ", the catalog has "
                    + (found.isEmpty() ? "none" : found.stream().map(Dataset::name).toList()));
        }
        return found.getFirst();
    }
}
