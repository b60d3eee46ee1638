package io.custodia.catalog;

/** Sensitivity levels of seed 001 ch.3: core is encrypted, important masked when used, general backed up. */
public enum Level {
    CORE, IMPORTANT, GENERAL;

    public String label() {
        return name().toLowerCase();
    }
}
