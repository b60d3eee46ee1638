package io.custodia.share;

import io.custodia.share.SharePolicy.Condition;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.privacy.RiskFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest that travels with an export ({@code manifest.json}, signed with the evidence key as
 * {@code manifest.json.sig}: a raw 64-byte Ed25519 signature over the file's exact bytes, which
 * {@code openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in manifest.json -sigfile
 * manifest.json.sig} checks). It says what the export is, for whom, under which approval and
 * legal basis, its files with row counts and SHA-256, its schema with each column's transform
 * and key version, and the re-identification risk figures. No personal value, no key material.
 */
public final class ShareManifest {
    public static final String FORMAT = "custodia-share-manifest/1";
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE = "manifest.json.sig";

    private ShareManifest() {
    }

    /** One published data file. */
    public record DataFile(String name, long rows, long bytes, String sha256) {
    }

    static Map<String, Object> build(SharePolicy policy, String exportId, String run, Instant createdAt, List<DataFile> files, long rows,
            long individuals, PrivacyOutcome privacy, String signingKeyId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("exportId", exportId);
        m.put("share", policy.name());
        m.put("run", run);
        m.put("createdAt", createdAt.toString());
        m.put("exporter", policy.legalEntity());
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("name", policy.recipient().name());
        recipient.put("id", policy.recipient().id());
        recipient.put("country", policy.recipient().country());
        m.put("recipient", recipient);
        m.put("purpose", policy.purpose());
        m.put("approvalReference", policy.approval());
        if (policy.crossBorder() != null) {
            Map<String, Object> cb = new LinkedHashMap<>();
            cb.put("legalBasis", policy.crossBorder().legalBasis());
            cb.put("basisReference", policy.crossBorder().basisReference());
            cb.put("piaReference", policy.crossBorder().piaReference());
            cb.put("consentReference", policy.crossBorder().consentReference());
            m.put("crossBorder", cb);
        } else {
            m.put("crossBorder", null);
        }
        m.put("conditions", List.of("use only for the stated purpose", "no onward sharing or transfer",
                "no attempt to re-identify individuals", "delete when the purpose is fulfilled"));
        Map<String, Object> policyInfo = new LinkedHashMap<>();
        policyInfo.put("jobFile", policy.jobFile().getFileName().toString());
        policyInfo.put("sha256", policy.jobFileSha256());
        policyInfo.put("catalogSha256", policy.catalogSha256());
        m.put("policy", policyInfo);
        m.put("source", source(policy));
        m.put("rows", rows);
        m.put("individuals", individuals);
        m.put("files", files);
        m.put("schema", schema(policy));
        m.put("keys", keys(policy));
        m.put("privacy", privacy(policy, privacy));
        Map<String, Object> signing = new LinkedHashMap<>();
        signing.put("algorithm", "Ed25519");
        signing.put("keyId", signingKeyId);
        signing.put("signatureFile", SIGNATURE);
        m.put("signing", signing);
        return m;
    }

    private static Map<String, Object> source(SharePolicy policy) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", policy.source().dataset().name());
        List<Map<String, Object>> where = new ArrayList<>();
        for (Condition c : policy.source().where()) {
            where.add(Map.of("column", c.column(), "in", c.values().stream().map(String::valueOf).sorted().toList()));
        }
        s.put("where", where);
        if (policy.source().consent() != null) {
            s.put("consent", Map.of("dataset", policy.source().consent().dataset().name(), "purpose", policy.source().consent().purpose(),
                    "activeOn", "run date"));
        }
        return s;
    }

    private static List<Map<String, Object>> schema(SharePolicy policy) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutputColumn c : policy.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.transform().outputType().label());
            col.put("source", policy.source().dataset().name() + "." + c.source().name());
            col.put("transform", c.transform().kind());
            col.put("parameters", new TreeMap<>(c.transform().parameters()));
            col.put("category", c.category());
            col.put("quasiIdentifier", policy.privacy().quasiIdentifiers().contains(c.name()));
            if (c.override() != null) {
                col.put("override", c.override());
            }
            out.add(col);
        }
        return out;
    }

    private static List<Map<String, Object>> keys(SharePolicy policy) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutputColumn c : policy.columns()) {
            if (c.transform().keyPurpose() != null) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("column", c.name());
                k.put("purpose", c.transform().keyPurpose().label());
                k.put("keyColumn", c.transform().parameters().get("keyColumn"));
                k.put("keyVersion", c.transform().parameters().get("keyVersion"));
                k.put("derivation", "HKDF-SHA-256(master key; recipient id, purpose, key column, key version)");
                out.add(k);
            }
        }
        return out;
    }

    private static Map<String, Object> privacy(SharePolicy policy, PrivacyOutcome p) {
        Map<String, Object> m = new LinkedHashMap<>();
        var model = policy.privacy().model();
        m.put("model", "k-anonymity" + (model.l() > 0 ? " + distinct l-diversity" : ""));
        m.put("quasiIdentifiers", policy.privacy().quasiIdentifiers());
        m.put("k", model.k());
        if (model.l() > 0) {
            m.put("l", model.l());
            m.put("sensitiveAttribute", policy.privacy().sensitiveAttribute());
        }
        m.put("maxSuppression", model.maxSuppression());
        m.put("candidateRecords", p.candidates());
        m.put("suppressedRecords", p.suppressedRecords());
        m.put("suppressedClasses", p.suppressedClasses());
        m.put("before", figures(p.before()));
        m.put("published", figures(p.after()));
        return m;
    }

    static Map<String, Object> figures(RiskFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", f.records());
        m.put("classes", f.classes());
        m.put("smallestClass", f.smallestClass());
        m.put("largestClass", f.largestClass());
        m.put("recordsAtRisk", f.recordsAtRisk());
        m.put("riskThreshold", f.riskThreshold());
        m.put("prosecutorRiskHighest", f.highestRisk());
        m.put("prosecutorRiskAverage", f.averageRisk());
        m.put("sampleUniqueness", f.sampleUniqueness());
        return m;
    }
}
