package io.custodia.purge;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A named approval of a whole plan (seed 003: application → <b>approval</b> → destruction →
 * confirmation), kept as a signed evidence-ledger entry of type {@value #ENTRY_TYPE}. It names the
 * plan by id and by the SHA-256 of its file, so a plan edited after approval is not approved.
 */
public record Approval(String plan, String planSha256, String runDate, String approvedBy, String approvedAt, String note,
        long rowsToDestroy) {
    public static final String ENTRY_TYPE = "destruction.approval";

    Map<String, Object> toBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", plan);
        m.put("planSha256", planSha256);
        m.put("runDate", runDate);
        m.put("approvedBy", approvedBy);
        m.put("approvedAt", approvedAt);
        m.put("note", note);
        m.put("rowsToDestroy", rowsToDestroy);
        return m;
    }

    static Approval fromBody(JsonNode b) {
        return new Approval(b.path("plan").asString(), b.path("planSha256").asString(), b.path("runDate").asString(),
                b.path("approvedBy").asString(), b.path("approvedAt").asString(), b.path("note").asString(""),
                b.path("rowsToDestroy").asLong());
    }
}
