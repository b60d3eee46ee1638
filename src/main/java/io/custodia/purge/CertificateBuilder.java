package io.custodia.purge;

import io.custodia.catalog.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a destruction certificate from an execution's journal: what was destroyed, per dataset
 * (rows and subjects by reason and level) and per file (size and SHA-256 before destruction, the
 * passes done, how they were verified, the NIST SP 800-88 category achieved), the policy's five
 * ledger fields (seed 001 7.3: time, method, operator, data type, quantity), and a Merkle root over
 * the keyed hashes of every subject touched. It holds no subject key, not even hashed one by one:
 * the hashes go to the separate proof file.
 */
final class CertificateBuilder {
    static final String FORMAT = "custodia.destruction-certificate/1";

    /** Who ran it and under what approval. */
    record Context(String certificateId, String planSha256, Scope scope, Map<String, Object> approval, String operator,
            String jobFile, long execution, String host, String tool, String subjectHashKeyId) {
    }

    /** Distinct subjects of one dataset: per {@link SubjectLog} bit, and per reason (any level or whole row). */
    record DatasetSubjects(long[] perBit, long[] perReason) {
        static DatasetSubjects count(SubjectMerge merge) {
            long[] bits = new long[32];
            long[] reasons = new long[Reason.values().length];
            for (SubjectMerge.Subject s = merge.next(); s != null; s = merge.next()) {
                for (int b = 0; b < 32; b++) {
                    if ((s.flags() & (1 << b)) != 0) {
                        bits[b]++;
                    }
                }
                for (Reason r : Reason.values()) {
                    if ((s.flags() & anyBit(r)) != 0) {
                        reasons[r.ordinal()]++;
                    }
                }
            }
            return new DatasetSubjects(bits, reasons);
        }

        long level(Reason r, Level l) {
            return perBit[Integer.numberOfTrailingZeros(SubjectLog.levelBit(r, l))];
        }
    }

    /** Every subject of the execution: how many, how many erased on request, the Merkle root over them. */
    record SubjectTotals(long count, long erased, String merkleRoot) {
    }

    private CertificateBuilder() {
    }

    static Map<String, Object> build(DestructionPlan plan, Context ctx, List<FileEntry> files, Map<String, DatasetSubjects> perDataset,
            SubjectTotals totals) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        long rows = 0;
        long values = 0;
        List<String> dataTypes = new ArrayList<>();
        for (DestructionPlan.DatasetPlan dp : plan.datasets()) {
            List<FileEntry> mine = files.stream().filter(f -> f.dataset.equals(dp.name())).toList();
            Outcome planned = dp.outcomes().get(ctx.scope().code());
            if (mine.isEmpty() && (planned == null || (planned.held().isEmpty() && planned.awaitingApproval().zero()))) {
                continue;
            }
            DatasetSubjects subj = perDataset.getOrDefault(dp.name(), new DatasetSubjects(new long[32], new long[Reason.values().length]));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("dataset", dp.name());
            d.put("retention", dp.retention());
            d.put("filesRewritten", mine.stream().filter(f -> FileEntry.REWRITE.equals(f.mode)).count());
            d.put("filesRemoved", mine.stream().filter(f -> FileEntry.REMOVE.equals(f.mode)).count());
            Map<String, Object> byReason = new LinkedHashMap<>();
            TreeSet<String> levelsHit = new TreeSet<>();
            for (Reason r : Reason.values()) {
                long deleted = 0;
                long redacted = 0;
                Map<String, Object> levels = new LinkedHashMap<>();
                for (Level l : Level.values()) {
                    long lr = 0;
                    long lv = 0;
                    for (FileEntry f : mine) {
                        Count.LevelCount c = f.outcome.destroyed(r).levels().get(l.label());
                        if (c != null) {
                            lr += c.rows();
                            lv += c.values();
                        }
                    }
                    if (lr > 0) {
                        levels.put(l.label(), Map.of("rows", lr, "values", lv, "subjects", subj.level(r, l)));
                        levelsHit.add(l.label());
                        values += lv;
                    }
                }
                for (FileEntry f : mine) {
                    deleted += f.outcome.destroyed(r).rowsDeleted();
                    redacted += f.outcome.destroyed(r).rowsRedacted();
                }
                if (deleted + redacted == 0) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rowsDestroyed", deleted);
                m.put("rowsWithExpiredLevelsDestroyed", redacted);
                m.put("subjects", subj.perReason()[r.ordinal()]);
                m.put("levels", levels);
                byReason.put(r.label(), m);
                rows += deleted + redacted;
            }
            d.put("destroyed", byReason);
            if (planned != null) {
                d.put("keptUnderLegalHold", planned.held());
                d.put("awaitingApproval", planned.awaitingApproval());
            }
            if (!levelsHit.isEmpty()) {
                dataTypes.add(dp.name() + " (" + String.join(", ", levelsHit) + ")");
            }
            datasets.add(d);
        }

        List<Map<String, Object>> fileList = new ArrayList<>();
        long bytes = 0;
        long overwritten = 0;
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> methods = new TreeSet<>();
        List<String> verifications = new ArrayList<>();
        boolean allVerified = true;
        String completedAt = "";
        for (FileEntry e : files) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", e.uri);
            f.put("dataset", e.dataset);
            f.put("sizeBytes", e.originalSize);
            f.put("sha256BeforeDestruction", e.originalSha256);
            f.put("action", FileEntry.REWRITE.equals(e.mode) ? "replaced by a verified new file holding the surviving rows"
                    : "removed (no row survived)");
            if (FileEntry.REWRITE.equals(e.mode)) {
                f.put("newFile", Map.of("rows", e.newRows, "sizeBytes", e.newSize, "sha256", e.newSha256,
                        "verification", e.verification));
            }
            f.put("passes", e.wipe == null ? List.of() : e.wipe.passes());
            f.put("overwriteVerification", e.wipe == null ? "not overwritten" : e.wipe.verification());
            f.put("verified", e.wipe != null && e.wipe.verified());
            f.put("method", e.method);
            f.put("sanitizationCategoryAchieved", e.category);
            f.put("medium", e.medium);
            f.put("swappedAt", e.swappedAt);
            f.put("destroyedAt", e.destroyedAt);
            fileList.add(f);
            bytes += e.originalSize;
            if (e.wipe != null && e.wipe.verified()) {
                overwritten += e.originalSize;
            } else {
                allVerified = false;
            }
            categories.add(e.category);
            methods.add(e.method);
            verifications.add(e.wipe == null ? "none possible" : e.wipe.readBack());
            if (e.destroyedAt != null && e.destroyedAt.compareTo(completedAt) > 0) {
                completedAt = e.destroyedAt;
            }
        }

        String quantity = String.format("%,d rows destroyed or stripped of expired levels, %,d values, %,d customers, %,d files (%,d bytes; %,d bytes overwritten in place)",
                rows, values, totals.count(), files.size(), bytes, overwritten);
        Map<String, Object> five = new LinkedHashMap<>();
        five.put("time", completedAt);
        five.put("method", String.join("; ", methods));
        five.put("operator", ctx.operator());
        five.put("dataType", dataTypes.isEmpty() ? "none" : "customer information: " + String.join("; ", dataTypes));
        five.put("quantity", quantity);

        Map<String, Object> nist = new LinkedHashMap<>();
        nist.put("reference", "NIST SP 800-88 Rev. 2 (2025), Guidelines for Media Sanitization");
        nist.put("sanitizationCategoryAchieved", categories.size() == 1 ? categories.first() : "per file: " + String.join(" | ", categories));
        nist.put("purgeAchieved", false);
        nist.put("method", String.join("; ", methods));
        nist.put("tool", ctx.tool());
        nist.put("verificationMethod", "full read-back of the last (random) pass over every byte of each overwritten file, compared byte for byte; "
                + "read with " + String.join(" / ", new TreeSet<>(verifications)));
        nist.put("verificationResult", allVerified ? "passed for every file" : "not every file could be overwritten (see files): "
                + overwritten + " of " + bytes + " bytes overwritten and verified");
        nist.put("scope", "logical files on a filesystem, not whole media: the storage stays in service");
        nist.put("limits", "Purge is not claimed: only the files' own blocks were overwritten, through the filesystem; copies "
                + "elsewhere (backups — destroyed by cryptographic erase —, filesystem journals, snapshots, device remapping) "
                + "are outside this certificate; see each file's medium");
        nist.put("postSanitizationDestination", "files deleted; the storage remains in use");

        Map<String, Object> subjects = new LinkedHashMap<>();
        subjects.put("count", totals.count());
        subjects.put("erasedOnRequest", totals.erased());
        subjects.put("merkleRoot", totals.merkleRoot());
        subjects.put("tree", "RFC 9162 §2.1 (leaf SHA-256(0x00‖h), node SHA-256(0x01‖l‖r)) over the sorted keyed subject hashes, "
                + "each as its UTF-8 text");
        subjects.put("subjectHash", "HMAC-SHA-256 keyed subject hash, key " + ctx.subjectHashKeyId());
        subjects.put("proofFile", "subjects.json");

        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("format", FORMAT);
        cert.put("certificate", ctx.certificateId());
        cert.put("plan", plan.id());
        cert.put("planSha256", ctx.planSha256());
        cert.put("runDate", plan.runDate());
        cert.put("company", plan.company());
        cert.put("scope", ctx.scope().reasons().stream().map(Reason::label).sorted().toList());
        cert.put("approval", ctx.approval());
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("operator", ctx.operator());
        executor.put("job", "purge");
        executor.put("jobFile", ctx.jobFile());
        executor.put("execution", ctx.execution());
        executor.put("host", ctx.host());
        cert.put("executor", executor);
        cert.put("completedAt", completedAt);
        cert.put("destructionRecord", five);
        cert.put("nistSp80088", nist);
        cert.put("datasets", datasets);
        cert.put("files", fileList);
        cert.put("subjects", subjects);

        return cert;
    }

    static int anyBit(Reason r) {
        int bits = SubjectLog.rowBit(r);
        for (Level l : Level.values()) {
            bits |= SubjectLog.levelBit(r, l);
        }
        return bits;
    }
}
