package io.custodia.share;

import io.custodia.batch.RunContext;
import io.custodia.crypto.Signer;
import io.custodia.evidence.CrossBorderTransfer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Records a published export in the evidence ledger: always a {@code share.export} entry (the
 * share register: who got what, under which approval, with which risk), and for a recipient
 * outside mainland China a {@code crossborder.transfer} entry, the record the reconcile job checks
 * against the declared transfer ledger. Both are built from the signed manifest, so a run resumed
 * after a crash between publishing and registering records exactly what was published; an entry
 * already present for the export is not appended again.
 */
final class ShareRegister {
    static final String CHANNEL = "share-export";

    private ShareRegister() {
    }

    /** What the ledger entries are made of: the parsed manifest and its hash. */
    record Published(JsonNode manifest, String manifestSha256, String object) {
        String exportId() {
            return manifest.path("exportId").asString();
        }

        Instant createdAt() {
            return Instant.parse(manifest.path("createdAt").asString());
        }

        long rows() {
            return manifest.path("rows").asLong();
        }

        long individuals() {
            return manifest.path("individuals").asLong();
        }
    }

    static void register(EvidenceLedger ledger, Signer signer, SharePolicy policy, RunContext run, Published p, String masterKeyFingerprint,
            String reportSha256) {
        var verifier = signer.verifier();
        boolean hasExport = ledger.entriesOfType(verifier, EntryTypes.SHARE_EXPORT).stream()
                .anyMatch(e -> e.body().path("exportId").asString().equals(p.exportId()));
        if (!hasExport) {
            ledger.append(EntryTypes.SHARE_EXPORT, exportBody(policy, run, p, masterKeyFingerprint, reportSha256), signer);
        }
        if (policy.crossBorderTransfer()) {
            boolean hasTransfer = ledger.entriesOfType(verifier, EntryTypes.CROSS_BORDER_TRANSFER).stream()
                    .anyMatch(e -> e.body().path("transferId").asString().equals(p.exportId()));
            if (!hasTransfer) {
                ledger.append(EntryTypes.CROSS_BORDER_TRANSFER, transfer(policy, p).toBody(), signer);
            }
        }
    }

    static CrossBorderTransfer transfer(SharePolicy policy, Published p) {
        return new CrossBorderTransfer(p.exportId(), p.createdAt(), policy.legalEntity(), policy.recipient().name(),
                policy.recipient().country(), policy.purpose(), policy.dataCategories(), policy.carriesSensitive(), p.rows(), p.individuals(),
                CHANNEL, p.object(), policy.crossBorder().legalBasis(), policy.crossBorder().basisReference(), policy.approval());
    }

    static Map<String, Object> exportBody(SharePolicy policy, RunContext run, Published p, String masterKeyFingerprint, String reportSha256) {
        JsonNode privacy = p.manifest().path("privacy");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("exportId", p.exportId());
        b.put("share", policy.name());
        b.put("jobFile", run.jobFile().name());
        b.put("runDate", run.runDate().toString());
        b.put("execution", run.executionId());
        b.put("publishedAt", p.createdAt().toString());
        b.put("legalEntity", policy.legalEntity());
        b.put("recipient", policy.recipient().name());
        b.put("recipientId", policy.recipient().id());
        b.put("recipientCountry", policy.recipient().country());
        b.put("crossBorder", policy.crossBorderTransfer());
        b.put("purpose", policy.purpose());
        b.put("approvalReference", policy.approval());
        if (policy.crossBorder() != null) {
            b.put("legalBasis", policy.crossBorder().legalBasis());
            b.put("basisReference", policy.crossBorder().basisReference());
            b.put("piaReference", policy.crossBorder().piaReference());
            b.put("consentReference", policy.crossBorder().consentReference());
        }
        b.put("records", p.rows());
        b.put("individuals", p.individuals());
        b.put("columns", policy.columns().stream().map(c -> c.name() + ":" + c.transform().kind()).toList());
        b.put("dataCategories", policy.dataCategories());
        b.put("sensitive", policy.carriesSensitive());
        b.put("overrides", policy.overrides().stream().map(c -> Map.of("column", c.name(), "reason", c.override())).toList());
        b.put("k", privacy.path("k").asInt());
        b.put("suppressedRecords", privacy.path("suppressedRecords").asLong());
        b.put("smallestClass", privacy.path("published").path("smallestClass").asLong());
        b.put("prosecutorRiskHighest", privacy.path("published").path("prosecutorRiskHighest").asDouble());
        b.put("prosecutorRiskAverage", privacy.path("published").path("prosecutorRiskAverage").asDouble());
        b.put("keyVersions", keyVersions(p.manifest()));
        b.put("masterKeyFingerprint", masterKeyFingerprint);
        b.put("policySha256", policy.jobFileSha256());
        b.put("manifestSha256", p.manifestSha256());
        b.put("object", p.object());
        b.put("reportSha256", reportSha256);
        return b;
    }

    private static List<String> keyVersions(JsonNode manifest) {
        return manifest.path("keys").valueStream()
                .map(k -> k.path("column").asString() + ":" + k.path("purpose").asString() + ":v" + k.path("keyVersion").asInt()).toList();
    }
}
