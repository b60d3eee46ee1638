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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
            // two independent merges of the same logs: the per-dataset counts on a second thread
            CompletableFuture<Map<String, CertificateBuilder.DatasetSubjects>> counting = CompletableFuture.supplyAsync(
                    () -> countPerDataset(journal, files), runnable -> Thread.ofPlatform().name("purge-certify-counts").daemon().start(runnable));
            CertificateBuilder.SubjectTotals totals = writeSubjects(files.stream().map(e -> journal.subjectsFile(e.index)).toList(),
                    id, builtProofs, builtErased);
            Map<String, CertificateBuilder.DatasetSubjects> perDataset;
            try {
                perDataset = counting.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            DurableFiles.write(built, Json.PRETTY.writeValueAsString(CertificateBuilder.build(plan, ctx, files, perDataset, totals)));
        }
        byte[] json = DurableFiles.read(built).getBytes(StandardCharsets.UTF_8);
        String sha = Hashes.sha256Hex(json);
        if (journal.complete()) {
            return new Issued(id, dir, sha, 0, true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = Json.MAPPER.readValue(json, Map.class);
        byte[] sig = signer.sign(json);
        DurableFiles.copy(builtProofs, dir.resolve(PROOFS));
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
            try (var lines = Files.lines(builtErased, StandardCharsets.UTF_8)) {
                lines.filter(l -> !l.isBlank()).forEach(h -> bodies.add(new ErasureRecord(h, at, Reason.ERASURE_REQUEST.label(), id).toBody()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!bodies.isEmpty()) {
                ledger.appendAll(EntryTypes.ERASURE_RECORD, bodies, signer);
            }
            records = bodies.size();
        }
        DurableFiles.write(journal.ledgeredMarker(), id + "\n");
        return new Issued(id, dir, sha, records, false);
    }

    private static Map<String, CertificateBuilder.DatasetSubjects> countPerDataset(PurgeJournal journal, List<FileEntry> files) {
        Map<String, CertificateBuilder.DatasetSubjects> perDataset = new LinkedHashMap<>();
        for (String ds : files.stream().map(e -> e.dataset).distinct().toList()) {
            try (SubjectMerge m = new SubjectMerge(files.stream().filter(e -> e.dataset.equals(ds))
                    .map(e -> journal.subjectsFile(e.index)).toList())) {
                perDataset.put(ds, CertificateBuilder.DatasetSubjects.count(m));
            }
        }
        return perDataset;
    }

    /**
     * One pass over the merged subject logs: the proof file (the sorted keyed hashes, the leaves of the
     * Merkle tree), the list of subjects erased on request, and the root — streamed, not held in memory.
     */
    static CertificateBuilder.SubjectTotals writeSubjects(List<Path> logs, String certificateId, Path proofs, Path erased) {
        MerkleTree.Streaming tree = new MerkleTree.Streaming();
        long[] erasedCount = new long[1];
        int erasedBit = CertificateBuilder.anyBit(Reason.ERASURE_REQUEST);
        DurableFiles.write(erased, erasedOut -> DurableFiles.write(proofs, out -> {
            out.write("{\n  \"format\" : \"custodia.destruction-subjects/1\",\n  \"certificate\" : \"" + certificateId
                    + "\",\n  \"leaves\" : [");
            try (SubjectMerge m = new SubjectMerge(logs)) {
                boolean first = true;
                for (SubjectMerge.Subject s = m.next(); s != null; s = m.next()) {
                    out.write((first ? "\n    \"" : ",\n    \"") + s.hash() + "\"");
                    first = false;
                    tree.add(s.hash().getBytes(StandardCharsets.UTF_8));
                    if ((s.flags() & erasedBit) != 0) {
                        erasedOut.write(s.hash() + "\n");
                        erasedCount[0]++;
                    }
                }
            }
            out.write(" ],\n  \"merkleRoot\" : \"" + java.util.HexFormat.of().formatHex(tree.root()) + "\"\n}\n");
        }));
        return new CertificateBuilder.SubjectTotals(tree.size(), erasedCount[0], java.util.HexFormat.of().formatHex(tree.root()));
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
