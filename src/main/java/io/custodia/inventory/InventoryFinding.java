package io.custodia.inventory;

/** Something an auditor should look at, e.g. personal data in a column declared general. */
public record InventoryFinding(String severity, String dataset, String column, String finding) {
}
