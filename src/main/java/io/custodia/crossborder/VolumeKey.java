package io.custodia.crossborder;

/** Whose volume and of which kind: a legal entity's sensitive or non-sensitive personal information in the period's year. */
record VolumeKey(String legalEntity, boolean sensitive) {
    String describe() {
        return legalEntity + " — " + (sensitive ? "sensitive" : "non-sensitive");
    }
}
