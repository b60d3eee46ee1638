package io.custodia.backup.store;

import java.time.Instant;
import java.util.List;

/**
 * One signed statement of what an object file looks like: its whole-file SHA-256 and size and the
 * recipients it is encrypted to, from a set's manifest or a key-rotation record.
 */
public record ObjectState(String ciphertextSha256, long ciphertextSize, List<String> recipients, Instant at, String source) {
    public ObjectState {
        recipients = List.copyOf(recipients);
    }
}
