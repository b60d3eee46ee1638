package io.custodia.backup.rotate;

import java.util.List;

/** What a key rotation did: objects re-wrapped, objects not addressed to the old key, failures, and the signed records written. */
public record RotationResult(int rotated, int notAddressedToOldKey, List<String> failures, List<String> records, long payloadBytesUntouched) {
    public RotationResult {
        failures = List.copyOf(failures);
        records = List.copyOf(records);
    }
}
