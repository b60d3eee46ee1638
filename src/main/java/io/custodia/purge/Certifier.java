package io.custodia.purge;

import io.custodia.batch.CrashPoints;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.Signer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.ErasureRecord;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.Json;
import io.custodia.evidence.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issues the certificate of an execution exactly once, even across crashes: the certificate is built
 * once and kept in the journal (a resumed run certifies the same bytes), written beside its detached
 * Ed25519 signature, HTML page and proof file under {@code <evidence>/certificates/<id>/}, then
 * appended to the evidence ledger ({@code destruction.certificate}) with one {@code erasure.record}
 * per customer erased on request — each append skipped when the ledger already holds it.
 */
final class Certifier {
    static final String CERTIFICATE = "certificate.json";
    static final String SIGNATURE = "certificate.sig";
    static final String PAGE = "certificate.html";
    static final String PROOFS = "subjects.json";

    private final Path evidenceDir;
    private final EvidenceLedger ledger;
    private final Signer signer;

    Certifier(Path evidenceDir, EvidenceLedger ledger, Signer signer) {
        this.evidenceDir = evidenceDir;
        this.ledger = ledger;
        this.signer = signer;
    }

    record Issued(String id, Path directory, String sha256, int erasureRecords, boolean alreadyIssued) {
    }

    static Path directory(Path evidenceDir, String certificateId) {
        return evidenceDir.resolve("certificates").resolve(certificateId);
    }

    Issued issue(PurgeJournal journal, DestructionPlan plan, CertificateBuilder.Context ctx) {
        String id = ctx.certificateId();
        Path dir = directory(evidenceDir, id);
        Path built = journal.certificateFile();
        Path builtProofs = journal.dir().resolve(PROOFS);
        Path builtErased = journal.dir().resolve("erased.txt");
        if (!Files.exists(built)) {
            List<FileEntry> files = journal.files();
            Map<Integer, Map<String, Integer>> logs = new LinkedHashMap<>();
            for (FileEntry e : files) {
                logs.put(e.index, SubjectLog.read(journal.subjectsFile(e.index)));
            }
            CertificateBuilder.Built b = CertificateBuilder.build(plan, ctx, files, logs);
            DurableFiles.write(builtProofs, Json.PRETTY.writeValueAsString(b.proofFile()));
            DurableFiles.write(builtErased, String.join("\n", b.erasedSubjects()) + (b.erasedSubjects().isEmpty() ? "" : "\n"));
            DurableFiles.write(built, Json.PRETTY.writeValueAsString(b.certificate()));
        }
        byte[] json = DurableFiles.read(built).getBytes(StandardCharsets.UTF_8);
        String sha = Hashes.sha256Hex(json);
        if (journal.complete()) {
            return new Issued(id, dir, sha, 0, true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = Json.MAPPER.readValue(json, Map.class);
        byte[] sig = signer.sign(json);
        DurableFiles.write(dir.resolve(PROOFS), DurableFiles.read(builtProofs));
        DurableFiles.write(dir.resolve(PAGE), CertificateHtml.render(cert, signer.keyId()));
        DurableFiles.write(dir.resolve(SIGNATURE), sig);
        DurableFiles.write(dir.resolve(CERTIFICATE), json);

        JsonNode c = Json.MAPPER.readTree(json);
        List<LedgerEntry> existing = ledger.entries(signer.verifier(), e -> (e.type().equals(EntryTypes.DESTRUCTION_CERTIFICATE)
                || e.type().equals(EntryTypes.ERASURE_RECORD)) && id.equals(e.body().path("certificate").asString()));
        if (existing.stream().noneMatch(e -> e.type().equals(EntryTypes.DESTRUCTION_CERTIFICATE))) {
            ledger.append(EntryTypes.DESTRUCTION_CERTIFICATE, ledgerBody(c, dir, sha, sig), signer);
        }
        CrashPoints.reached("purge.after-certificate-ledger");
        int records = 0;
        if (existing.stream().noneMatch(e -> e.type().equals(EntryTypes.ERASURE_RECORD))) {
            Instant at = Instant.parse(c.path("completedAt").asString());
            List<Map<String, Object>> bodies = new ArrayList<>();
            for (String h : DurableFiles.read(builtErased).lines().filter(l -> !l.isBlank()).toList()) {
                bodies.add(new ErasureRecord(h, at, Reason.ERASURE_REQUEST.label(), id).toBody());
            }
            if (!bodies.isEmpty()) {
                ledger.appendAll(EntryTypes.ERASURE_RECORD, bodies, signer);
            }
            records = bodies.size();
        }
        DurableFiles.write(journal.ledgeredMarker(), id + "\n");
        return new Issued(id, dir, sha, records, false);
    }

    /** The ledger entry: the policy's five fields, the key figures, and the certificate's hash and signature. */
    private Map<String, Object> ledgerBody(JsonNode c, Path dir, String sha, byte[] sig) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", c.path("certificate").asString());
        body.put("plan", c.path("plan").asString());
        body.put("runDate", c.path("runDate").asString());
        body.put("scope", Json.MAPPER.convertValue(c.path("scope"), List.class));
        body.put("approval", Json.MAPPER.convertValue(c.path("approval"), Map.class));
        body.put("destructionRecord", Json.MAPPER.convertValue(c.path("destructionRecord"), Map.class));
        body.put("sanitizationCategoryAchieved", c.path("nistSp80088").path("sanitizationCategoryAchieved").asString());
        body.put("verificationResult", c.path("nistSp80088").path("verificationResult").asString());
        body.put("subjects", c.path("subjects").path("count").asLong());
        body.put("merkleRoot", c.path("subjects").path("merkleRoot").asString());
        body.put("files", c.path("files").size());
        body.put("path", dir.toString());
        body.put("certificateSha256", sha);
        body.put("signature", Base64.getEncoder().encodeToString(sig));
        return body;
    }
}
