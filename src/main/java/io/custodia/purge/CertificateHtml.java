package io.custodia.purge;

import io.custodia.evidence.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The certificate as one self-contained HTML page for people (the JSON beside it is what is signed). */
final class CertificateHtml {
    private CertificateHtml() {
    }

    static String render(Map<String, Object> certificate, String signingKeyId) {
        JsonNode c = Json.MAPPER.valueToTree(certificate);
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Destruction certificate ")
                .append(esc(c.path("certificate").asString())).append("</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2733;padding:0 1rem}")
                .append("h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d8dee6}")
                .append("table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d8dee6;padding:.3rem .5rem;")
                .append("text-align:left;vertical-align:top}th{background:#f2f5f8;width:16rem}td.n{text-align:right}")
                .append("code{font-size:.85rem;word-break:break-all}.meta{color:#5b6b7c}</style></head><body>");
        b.append("<h1>Destruction certificate ").append(esc(c.path("certificate").asString())).append("</h1>");
        b.append("<p class=\"meta\">").append(esc(c.path("company").asString())).append(" · plan ")
                .append(esc(c.path("plan").asString())).append(" · run date ").append(esc(c.path("runDate").asString()))
                .append(" · scope ").append(esc(String.join(", ", c.path("scope").valueStream().map(JsonNode::asString).toList())))
                .append("</p>");

        b.append("<h2>Destruction record (seed 001 7.3)</h2><table>");
        JsonNode five = c.path("destructionRecord");
        row(b, "time", five.path("time").asString());
        row(b, "method", five.path("method").asString());
        row(b, "operator", five.path("operator").asString());
        row(b, "data type", five.path("dataType").asString());
        row(b, "quantity", five.path("quantity").asString());
        b.append("</table>");

        b.append("<h2>Approval and execution</h2><table>");
        c.path("approval").properties().forEach(e -> row(b, "approval: " + e.getKey(), text(e.getValue())));
        c.path("executor").properties().forEach(e -> row(b, "executor: " + e.getKey(), text(e.getValue())));
        b.append("</table>");

        b.append("<h2>NIST SP 800-88 Rev. 2</h2><table>");
        c.path("nistSp80088").properties().forEach(e -> row(b, e.getKey(), text(e.getValue())));
        b.append("</table>");

        b.append("<h2>Per dataset</h2><table><tr><th>dataset</th><th>reason</th><th>level</th><th>rows</th><th>values</th>"
                + "<th>customers</th></tr>");
        for (JsonNode d : c.path("datasets")) {
            d.path("destroyed").properties().forEach(r -> {
                b.append("<tr><td>").append(esc(d.path("dataset").asString())).append("</td><td>").append(esc(r.getKey()))
                        .append("</td><td>all (whole rows destroyed: ").append(r.getValue().path("rowsDestroyed").asLong())
                        .append("; rows stripped of expired levels: ").append(r.getValue().path("rowsWithExpiredLevelsDestroyed").asLong())
                        .append(")</td><td class=\"n\">").append(r.getValue().path("rowsDestroyed").asLong()
                                + r.getValue().path("rowsWithExpiredLevelsDestroyed").asLong())
                        .append("</td><td></td><td class=\"n\">").append(r.getValue().path("subjects").asLong()).append("</td></tr>");
                r.getValue().path("levels").properties().forEach(l -> b.append("<tr><td></td><td></td><td>").append(esc(l.getKey()))
                        .append("</td><td class=\"n\">").append(l.getValue().path("rows").asLong()).append("</td><td class=\"n\">")
                        .append(l.getValue().path("values").asLong()).append("</td><td class=\"n\">")
                        .append(l.getValue().path("subjects").asLong()).append("</td></tr>"));
            });
            long held = 0;
            for (JsonNode h : d.path("keptUnderLegalHold")) {
                held += h.path("rowsDeleted").asLong() + h.path("rowsRedacted").asLong();
            }
            if (held > 0) {
                b.append("<tr><td>").append(esc(d.path("dataset").asString())).append("</td><td>kept under legal hold</td><td></td>")
                        .append("<td class=\"n\">").append(held).append("</td><td></td><td></td></tr>");
            }
            JsonNode waiting = d.path("awaitingApproval");
            long w = waiting.path("rowsDeleted").asLong() + waiting.path("rowsRedacted").asLong();
            if (w > 0) {
                b.append("<tr><td>").append(esc(d.path("dataset").asString())).append("</td><td>awaiting approval (erasure requests)</td><td>")
                        .append("</td><td class=\"n\">").append(w).append("</td><td></td><td class=\"n\">")
                        .append(waiting.path("subjects").asLong()).append("</td></tr>");
            }
        }
        b.append("</table>");

        b.append("<h2>Per file</h2><table><tr><th>file</th><th>size, SHA-256 before destruction</th><th>passes</th>"
                + "<th>verification</th><th>category achieved</th></tr>");
        for (JsonNode f : c.path("files")) {
            b.append("<tr><td><code>").append(esc(f.path("path").asString())).append("</code><br>").append(esc(f.path("action").asString()))
                    .append("</td><td>").append(f.path("sizeBytes").asLong()).append(" bytes<br><code>")
                    .append(esc(f.path("sha256BeforeDestruction").asString())).append("</code></td><td>")
                    .append(esc(String.join(", ", f.path("passes").valueStream().map(JsonNode::asString).toList())))
                    .append("</td><td>").append(esc(f.path("overwriteVerification").asString())).append("</td><td>")
                    .append(esc(f.path("sanitizationCategoryAchieved").asString())).append("<br><span class=\"meta\">")
                    .append(esc(f.path("medium").path("caveat").asString())).append("</span></td></tr>");
        }
        b.append("</table>");

        JsonNode s = c.path("subjects");
        b.append("<h2>Customers</h2><table>");
        row(b, "customers touched", Long.toString(s.path("count").asLong()));
        row(b, "of them erased on request", Long.toString(s.path("erasedOnRequest").asLong()));
        row(b, "Merkle root", s.path("merkleRoot").asString());
        row(b, "tree", s.path("tree").asString());
        row(b, "subject hash", s.path("subjectHash").asString());
        b.append("</table><p>Check whether a customer was destroyed here, with the customer id and the master key: "
                + "<code>custodia evidence prove-destroyed --subject ID --certificate ").append(esc(c.path("certificate").asString()))
                .append("</code>. The keyed hashes are in <code>subjects.json</code> beside this page, never the ids.</p>");
        b.append("<h2>Signature</h2><p>certificate.json is signed with Ed25519 key ").append(esc(signingKeyId))
                .append(" (certificate.sig, 64 raw bytes). Check it without Custodia: <code>openssl pkeyutl -verify -pubin -inkey "
                        + "signing.pub -rawin -in certificate.json -sigfile certificate.sig</code>. The certificate is also entry "
                        + "<code>destruction.certificate</code> of the evidence ledger (<code>custodia evidence verify</code>).</p>");
        b.append("<footer class=\"meta\">Written by Custodia. Counts, paths, file hashes and a Merkle root only; never a personal value."
                + "</footer></body></html>\n");
        return b.toString();
    }

    private static String text(JsonNode n) {
        if (n.isArray()) {
            return String.join(", ", n.valueStream().map(CertificateHtml::text).toList());
        }
        return n.isValueNode() ? n.asString() : n.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
