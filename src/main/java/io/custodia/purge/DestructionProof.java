package io.custodia.purge;

import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Answers "was customer X destroyed in this certificate?" offline: checks the certificate's
 * signature, computes X's keyed hash (needs the master key), finds it among the certificate's leaves
 * and verifies its Merkle inclusion proof against the root in the signed certificate. The proof
 * file is checked against the signed root too, so a tampered proof file cannot prove anything.
 */
public final class DestructionProof {
    private DestructionProof() {
    }

    /**
     * @param included whether the subject is in the certificate's tree
     * @param path     the audit path (hex), nearest sibling first, when included
     */
    public record Result(boolean included, String certificate, String subjectHash, int index, int size, List<String> path,
            String merkleRoot, String completedAt) {
    }

    /** {@code certificate}: a certificate directory, its certificate.json, or an id under {@code evidenceDir}/certificates. */
    public static Path locate(String certificate, Path evidenceDir) {
        Path p = Path.of(certificate);
        if (Files.isRegularFile(p)) {
            return p.toAbsolutePath().getParent();
        }
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath();
        }
        Path byId = Certifier.directory(evidenceDir, certificate);
        if (Files.isDirectory(byId)) {
            return byId;
        }
        throw new IllegalArgumentException("no certificate '" + certificate + "': not a file, not a directory, and not an id under "
                + evidenceDir.resolve("certificates"));
    }

    public static Result prove(Path certificateDir, String subject, SubjectHasher hasher, SignatureVerifier verifier) {
        try {
            byte[] json = Files.readAllBytes(certificateDir.resolve(Certifier.CERTIFICATE));
            byte[] sig = Files.readAllBytes(certificateDir.resolve(Certifier.SIGNATURE));
            if (!verifier.verify(json, sig)) {
                throw new IllegalStateException(certificateDir.resolve(Certifier.CERTIFICATE) + " does not match its signature "
                        + Certifier.SIGNATURE + " under key " + verifier.keyId() + ": the certificate was altered or signed by another key");
            }
            JsonNode cert = Json.MAPPER.readTree(json);
            String root = cert.path("subjects").path("merkleRoot").asString();
            JsonNode proofs = Json.MAPPER.readTree(Files.readAllBytes(certificateDir.resolve(Certifier.PROOFS)));
            List<String> leaves = new ArrayList<>();
            proofs.path("leaves").forEach(n -> leaves.add(n.asString()));
            MerkleTree tree = new MerkleTree(leaves.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
            if (!HexFormat.of().formatHex(tree.root()).equals(root)) {
                throw new IllegalStateException(certificateDir.resolve(Certifier.PROOFS) + " does not produce the Merkle root in the signed "
                        + "certificate: the proof file was altered");
            }
            String h = hasher.hash(subject);
            int index = Collections.binarySearch(leaves, h);
            String id = cert.path("certificate").asString();
            String completed = cert.path("completedAt").asString();
            if (index < 0) {
                return new Result(false, id, h, -1, leaves.size(), List.of(), root, completed);
            }
            List<byte[]> path = tree.path(index);
            if (!MerkleTree.verify(h.getBytes(StandardCharsets.UTF_8), index, leaves.size(), path, HexFormat.of().parseHex(root))) {
                throw new IllegalStateException("the inclusion proof does not verify against the signed root");
            }
            return new Result(true, id, h, index, leaves.size(), path.stream().map(b -> HexFormat.of().formatHex(b)).toList(), root, completed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate in " + certificateDir + ": " + e.getMessage(), e);
        }
    }

    /** Re-checks a printed proof by itself (what an auditor does with the output). */
    public static boolean check(Result r) {
        return r.included() && MerkleTree.verify(r.subjectHash().getBytes(StandardCharsets.UTF_8), r.index(), r.size(),
                r.path().stream().map(p -> HexFormat.of().parseHex(p)).toList(), HexFormat.of().parseHex(r.merkleRoot()));
    }
}
