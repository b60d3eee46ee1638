package io.custodia.backup.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a {@code destruction.certificate} ledger entry for expired backup sets: the five
 * fields the destruction policy asks for (time, method, operator, data type, quantity), the NIST
 * SP 800-88 Rev. 2 fields, the approval, and per object what was achieved and how it was checked.
 * Object names are SHA-256 hashes of encrypted content; no personal value appears.
 */
public final class DestructionCertificate {
    private DestructionCertificate() {
    }

    public static String id(LocalDate runDate, String jobFile, long execution) {
        return "DC-backup-" + runDate + "-" + jobFile + "-e" + execution;
    }

    public static Map<String, Object> body(String id, Instant completedAt, String operator, String approval, String jobFile, String destination,
            KeepPolicy keep, RetentionPlan plan, List<ErasureOutcome> outcomes) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("certificate", id);
        b.put("kind", "backup-retention");
        b.put("time", completedAt.toString());
        b.put("operator", operator);
        b.put("approval", approval);
        b.put("policy", Map.of("jobFile", jobFile, "keep", Map.of("daily", keep.daily(), "weekly", keep.weekly(), "monthly", keep.monthly())));
        b.put("destination", destination);
        b.put("dataType", "encrypted backup objects (age v1, X25519) of datasets " + plan.datasets());
        long bytes = outcomes.stream().mapToLong(ErasureOutcome::bytes).sum();
        b.put("quantity", Map.of("sets", plan.expiredSets().size() + plan.trashSets().size(), "objects", outcomes.size(), "bytes", bytes,
                "orphanObjects", plan.orphans()));
        List<Map<String, Object>> sets = new ArrayList<>();
        for (RetentionPlanner.Decision d : plan.decisions()) {
            if (!d.keep()) {
                sets.add(Map.of("set", d.set(), "runDate", d.runDate().toString(), "reason", "not kept by any rule of the keep policy"));
            }
        }
        plan.trashSets().forEach(s -> sets.add(Map.of("set", s, "reason", "destruction interrupted earlier; completed now")));
        b.put("sets", sets);
        Map<String, Map<String, Object>> methods = new TreeMap<>();
        for (ErasureOutcome o : outcomes) {
            Map<String, Object> m = methods.computeIfAbsent(o.filesystem() + ": " + o.method(), k -> new LinkedHashMap<>(Map.of("objects", 0L, "bytes", 0L)));
            m.put("objects", (Long) m.get("objects") + 1);
            m.put("bytes", (Long) m.get("bytes") + o.bytes());
        }
        b.put("methods", methods);
        boolean anyLocal = outcomes.stream().anyMatch(o -> o.headerBytes() > 0);
        boolean anyDeleteOnly = outcomes.stream().anyMatch(o -> o.headerBytes() == 0 && o.method().startsWith("deleted only"));
        Map<String, Object> nist = new LinkedHashMap<>();
        nist.put("sanitizationCategory", anyLocal && !anyDeleteOnly ? "Purge (cryptographic erase of each object's file key) + Clear (overwrite)"
                : anyDeleteOnly ? "none achieved on filesystems without in-place overwrite (delete only); see methods" : "n/a (nothing to destroy)");
        nist.put("technique", "overwrite of the age v1 header, which holds the only wrapped copies of the object's file key, then full overwrite passes, then delete");
        nist.put("tool", "Custodia backup retention (io.custodia.backup.retention.ObjectEraser)");
        nist.put("verification", "read-back of the overwritten header and of the last overwrite pass; the file must no longer parse as age; the file must no longer exist");
        nist.put("limits", "overwrites reach the logical file only: SSD wear levelling, discard on virtual disks, snapshots and copy-on-write filesystems may keep "
                + "earlier copies of blocks; HDFS cannot overwrite in place. Objects are encrypted to the backup identity, so retiring that identity "
                + "(keys rotate-backup, then destroy the old key) is what makes any surviving copy unreadable.");
        b.put("nist80088", nist);
        b.put("allVerified", outcomes.stream().allMatch(o -> o.verified() && o.deleted()));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (ErasureOutcome o : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", o.object());
            m.put("bytes", o.bytes());
            m.put("filesystem", o.filesystem());
            m.put("headerBytesOverwritten", o.headerBytes());
            m.put("overwritePasses", o.passes());
            m.put("verified", o.verified());
            m.put("deleted", o.deleted());
            m.put("decryption", o.decryptionCheck());
            objects.add(m);
        }
        b.put("objects", objects);
        return b;
    }
}
