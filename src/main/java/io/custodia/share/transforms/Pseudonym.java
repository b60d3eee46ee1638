package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.HmacPseudonymizer;
import io.custodia.crypto.pseudo.KeyPurpose;
import java.util.Map;

/**
 * {@code pseudonym}: a keyed HMAC-SHA-256 token ({@link HmacPseudonymizer}, 26 base32
 * characters) under a key derived for this recipient, sharing purpose, key column and key
 * version. Deterministic, so the recipient can join and count on tokens within an export and
 * across its exports for the same purpose; irreversible (the key holder re-identifies a token only
 * by recomputing tokens of candidate values, see {@code custodia reidentify}). Numbers are
 * tokenized in their decimal form.
 *
 * @param keyColumn  the key's column label: the source column name, so that {@code customer_id}
 *                   in customers and in orders gives the same token for one recipient
 * @param keyVersion the key version (rotation gives new tokens)
 */
public record Pseudonym(String keyColumn, int keyVersion) implements TransformSpec {
    @Override
    public String kind() {
        return "pseudonym";
    }

    @Override
    public ColumnType outputType() {
        return ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("algorithm", "HMAC-SHA-256, 26 base32 characters", "keyColumn", keyColumn, "keyVersion", keyVersion);
    }

    @Override
    public KeyPurpose keyPurpose() {
        return KeyPurpose.PSEUDONYM;
    }

    @Override
    public Transform bind(KeyContext keys) {
        HmacPseudonymizer p = HmacPseudonymizer.create(keys.derive(KeyPurpose.PSEUDONYM, keyColumn, keyVersion));
        return (value, subject) -> value == null ? null : p.token(value.toString());
    }
}
