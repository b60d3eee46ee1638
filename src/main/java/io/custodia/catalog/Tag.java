package io.custodia.catalog;

/** What a column is, beyond its level: PIPL Art. 28 sensitive data, direct identifiers, quasi-identifiers. */
public enum Tag {
    DIRECT_IDENTIFIER, QUASI_IDENTIFIER, SENSITIVE;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
