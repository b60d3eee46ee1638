package io.custodia.share.transforms;

import io.custodia.crypto.pseudo.DerivedKey;
import io.custodia.crypto.pseudo.DerivedKeyId;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.crypto.pseudo.KeyPurpose;
import java.time.LocalDate;

/**
 * What binding a transform needs: the key derivation (from the master key), the recipient and
 * sharing purpose every derived key is scoped to, and the run date (for age bands).
 *
 * <p>Keys are derived per recipient, sharing purpose, key column and key version, so two
 * recipients' tokens for the same customer differ and cannot be joined, while one recipient's
 * exports for one purpose join on them.
 */
public record KeyContext(KeyDerivation derivation, String recipient, String purpose, LocalDate runDate) {
    public DerivedKey derive(KeyPurpose keyPurpose, String column, int keyVersion) {
        return derivation.derive(new DerivedKeyId(keyPurpose, recipient, purpose, column, keyVersion));
    }
}
