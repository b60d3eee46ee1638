package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.KeyPurpose;
import java.util.Map;

/**
 * A transform as a sharing policy declares it, validated against its source column but not yet
 * bound to keys: validation runs before a job starts and needs no key material.
 */
public interface TransformSpec {
    /** The policy word: keep, suppress, pseudonym, fpe, mask, generalize, date-shift. */
    String kind();

    ColumnType outputType();

    /** The parameters as the manifest records them (no secrets). */
    Map<String, Object> parameters();

    /** The purpose of the derived key this transform uses, or null when it uses none. */
    default KeyPurpose keyPurpose() {
        return null;
    }

    /** Whether the exported value still is the source value (keep), for the policy's override rule. */
    default boolean keepsRawValue() {
        return false;
    }

    /** Whether the transform needs each row's subject key (date-shift). */
    default boolean needsSubject() {
        return false;
    }

    Transform bind(KeyContext keys);
}
