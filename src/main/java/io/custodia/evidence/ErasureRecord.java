package io.custodia.evidence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ledger entry {@link EntryTypes#ERASURE_RECORD}: a customer's data was destroyed. Written by purge,
 * read by backup restore so that a customer erased after a backup was taken is never restored.
 * Holds only the keyed hash of the subject key ({@code KeyDirectory.subjectHasher()}), never the key.
 *
 * @param subjectHash keyed hash of the subject (customer) key
 * @param erasedAt    when the destruction completed
 * @param reason      why: {@code erasure-request}, {@code retention-expired}, {@code business-ended}
 * @param certificate the destruction certificate id the erasure is recorded in
 */
public record ErasureRecord(String subjectHash, Instant erasedAt, String reason, String certificate) {
    public Map<String, Object> toBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subjectHash", subjectHash);
        m.put("erasedAt", erasedAt.toString());
        m.put("reason", reason);
        m.put("certificate", certificate);
        return m;
    }

    public static ErasureRecord fromBody(JsonNode body) {
        return new ErasureRecord(body.path("subjectHash").asString(), Instant.parse(body.path("erasedAt").asString()),
                body.path("reason").asString(), body.path("certificate").asString());
    }
}
