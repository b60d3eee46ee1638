package io.custodia.evidence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ledger entry {@link EntryTypes#CROSS_BORDER_TRANSFER}: personal data left mainland China through
 * Custodia (a share export to a recipient abroad). Written by share, read by reconcile as evidence
 * of what actually left. Counts only, no personal value.
 *
 * @param transferId        the export's id (also in its manifest)
 * @param time              when the export was published
 * @param legalEntity       the exporting legal entity
 * @param recipient         the recipient legal entity
 * @param recipientCountry  ISO 3166 alpha-2 country of the recipient
 * @param purpose           the approved purpose
 * @param dataCategories    categories of personal data (column names or categories)
 * @param sensitive         whether sensitive personal information (PIPL Art. 28) is included
 * @param records           rows exported
 * @param individuals       distinct subjects exported
 * @param channel           how it left (e.g. {@code share-export})
 * @param object            the exported object (output file or directory URI)
 * @param legalBasis        the basis named in the sharing policy (security-assessment, standard-contract, certification, exemption)
 * @param basisReference    the filing / approval / certificate reference
 * @param approvalReference the sharing request or agreement id
 */
public record CrossBorderTransfer(String transferId, Instant time, String legalEntity, String recipient, String recipientCountry,
        String purpose, List<String> dataCategories, boolean sensitive, long records, long individuals, String channel,
        String object, String legalBasis, String basisReference, String approvalReference) {

    public Map<String, Object> toBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transferId", transferId);
        m.put("time", time.toString());
        m.put("legalEntity", legalEntity);
        m.put("recipient", recipient);
        m.put("recipientCountry", recipientCountry);
        m.put("purpose", purpose);
        m.put("dataCategories", dataCategories);
        m.put("sensitive", sensitive);
        m.put("records", records);
        m.put("individuals", individuals);
        m.put("channel", channel);
        m.put("object", object);
        m.put("legalBasis", legalBasis);
        m.put("basisReference", basisReference);
        m.put("approvalReference", approvalReference);
        return m;
    }

    public static CrossBorderTransfer fromBody(JsonNode b) {
        return new CrossBorderTransfer(b.path("transferId").asString(), Instant.parse(b.path("time").asString()),
                b.path("legalEntity").asString(), b.path("recipient").asString(), b.path("recipientCountry").asString(),
                b.path("purpose").asString(), b.path("dataCategories").valueStream().map(JsonNode::asString).toList(),
                b.path("sensitive").asBoolean(), b.path("records").asLong(), b.path("individuals").asLong(),
                b.path("channel").asString(), b.path("object").asString(), b.path("legalBasis").asString(),
                b.path("basisReference").asString(), b.path("approvalReference").asString());
    }
}
