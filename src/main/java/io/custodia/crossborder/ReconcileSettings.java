package io.custodia.crossborder;

import io.custodia.batch.JobFile;
import io.custodia.config.YamlNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code reconcile:} section of a job file.
 *
 * <pre>
 * reconcile:
 *   rules: cac-2024                  # a rule set shipped with Custodia, or the path of a rule file
 *   time-zone: Asia/Shanghai         # the calendar of "1 January" and of working days
 *   default-legal-entity: Harbourline Trading (Shanghai) Co., Ltd.   # who undeclared evidence is counted against
 *   tolerance: 5%                    # or {records: 0%, individuals: 5%, bytes: 10%}
 *   warning-share: 80%               # warn when a year's volume reaches this share of a threshold
 *   approved-recipients:
 *     - {name: Pacific Parcel Logistics Pte. Ltd., country: SG, purposes: [cross-border delivery], hosts: [sftp.pacificparcel.com.sg]}
 *   fail-on: [critical]              # finding kinds (or critical / warning) that make the run exit non-zero; [] never fails
 *   share-entries: true              # also match the share job's crossborder.transfer entries in the evidence ledger
 *   sort-buffer: 1000000             # fingerprints a worker holds before it spills a sorted run to disk (12 bytes each)
 *   merge-fan-in: 64                 # sorted runs merged at once
 *   work-dir: ../var/work            # where sorted runs go (default: the state directory's work/)
 *   malformed-shown: 100             # malformed lines listed one by one per file (all are counted)
 *   max-groups: 100000               # distinct object/destination groups a file may hold (memory guard)
 * </pre>
 */
record ReconcileSettings(RuleSet rules, ZoneId zone, String defaultLegalEntity, Tolerance tolerance, double warningShare,
        List<ApprovedRecipient> approved, Set<FindingKind> failOn, boolean shareEntries, int sortBuffer, int mergeFanIn,
        Path workDir, int malformedShown, int maxGroups) {

    static final String UNATTRIBUTED = "(no legal entity: set default-legal-entity)";

    static ReconcileSettings from(JobFile file) {
        YamlNode section = file.section().orElseThrow(() -> file.root().error(
                "missing the reconcile: section (at least approved-recipients); see jobs/monthly-reconcile.yaml"));
        section.requireOnlyKeys(Set.of("rules", "time-zone", "default-legal-entity", "tolerance", "warning-share", "approved-recipients",
                "fail-on", "share-entries", "sort-buffer", "merge-fan-in", "work-dir", "malformed-shown", "max-groups"));
        Path dir = file.path().getParent();
        RuleSet rules = section.optional("rules").map(n -> RuleSetLoader.select(n, dir)).orElseGet(() -> RuleSetLoader.builtIn(RuleSetLoader.DEFAULT));
        ZoneId zone = section.optional("time-zone").map(n -> {
            try {
                return ZoneId.of(n.asString());
            } catch (DateTimeException e) {
                throw n.error("unknown time zone '" + n.asString() + "' (e.g. Asia/Shanghai, UTC)");
            }
        }).orElse(ZoneId.of("Asia/Shanghai"));
        String entity = section.optional("default-legal-entity").map(YamlNode::asString).map(String::strip).orElse(null);
        if (entity != null && entity.isEmpty()) {
            throw section.require("default-legal-entity").error("must not be empty");
        }
        Tolerance tolerance = section.optional("tolerance").map(ReconcileSettings::tolerance).orElse(new Tolerance(0, 0, 0));
        double warning = section.optional("warning-share").map(n -> share(n, false)).orElse(0.8);

        YamlNode list = section.require("approved-recipients");
        List<ApprovedRecipient> approved = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode r : list.isSequence() ? list.asList() : List.of(list)) {
            r.requireOnlyKeys(Set.of("name", "country", "purposes", "hosts"));
            YamlNode nameNode = r.require("name");
            String name = nameNode.asString().strip();
            if (!names.add(name)) {
                throw nameNode.error("recipient '" + name + "' is listed twice; list all its purposes once");
            }
            YamlNode countryNode = r.require("country");
            String country = countryNode.asString().strip();
            if (!country.matches("[A-Z]{2}")) {
                throw countryNode.error("expected an ISO 3166 alpha-2 country code such as SG, found '" + country + "'");
            }
            YamlNode purposesNode = r.require("purposes");
            List<String> purposes = purposesNode.asStringList().stream().map(String::strip).toList();
            if (purposes.isEmpty()) {
                throw purposesNode.error("list at least one approved purpose");
            }
            List<String> hosts = r.optional("hosts").map(YamlNode::asStringList).orElse(List.of()).stream()
                    .map(h -> h.strip().toLowerCase()).toList();
            approved.add(new ApprovedRecipient(name, country, purposes, hosts));
        }

        Set<FindingKind> failOn = FindingKind.critical();
        Optional<YamlNode> failNode = section.optional("fail-on");
        if (failNode.isPresent()) {
            failOn = EnumSet.noneOf(FindingKind.class);
            YamlNode f = failNode.get();
            for (YamlNode k : f.isSequence() ? f.asList() : List.of(f)) {
                switch (k.asString()) {
                    case "critical" -> failOn.addAll(FindingKind.critical());
                    case "warning" -> failOn.addAll(EnumSet.complementOf(EnumSet.copyOf(FindingKind.critical())));
                    default -> failOn.add(java.util.Arrays.stream(FindingKind.values()).filter(x -> x.label().equals(k.asString().strip()))
                            .findFirst().orElseThrow(() -> k.error("unknown finding kind '" + k.asString() + "'; expected critical, warning or any of "
                                    + String.join(", ", java.util.Arrays.stream(FindingKind.values()).map(FindingKind::label).toList()))));
                }
            }
        }
        boolean share = section.optional("share-entries").map(YamlNode::asBoolean).orElse(true);
        int buffer = section.optional("sort-buffer").map(YamlNode::asInt).orElse(1_000_000);
        if (buffer < 16 || buffer > 100_000_000) {
            throw section.require("sort-buffer").error("must be between 16 and 100,000,000 fingerprints (12 bytes each), found " + buffer);
        }
        int fanIn = section.optional("merge-fan-in").map(YamlNode::asInt).orElse(64);
        if (fanIn < 2 || fanIn > 1024) {
            throw section.require("merge-fan-in").error("must be between 2 and 1024, found " + fanIn);
        }
        Path work = section.optional("work-dir").map(n -> dir.resolve(n.asString()).normalize()).orElse(null);
        int shown = section.optional("malformed-shown").map(YamlNode::asInt).orElse(100);
        if (shown < 0) {
            throw section.require("malformed-shown").error("must be zero or more");
        }
        int maxGroups = section.optional("max-groups").map(YamlNode::asInt).orElse(100_000);
        if (maxGroups < 1) {
            throw section.require("max-groups").error("must be at least 1");
        }
        return new ReconcileSettings(rules, zone, entity, tolerance, warning, List.copyOf(approved), failOn, share, buffer, fanIn, work, shown,
                maxGroups);
    }

    String entityOrUnattributed() {
        return defaultLegalEntity == null ? UNATTRIBUTED : defaultLegalEntity;
    }

    Optional<ApprovedRecipient> approved(String recipient) {
        return approved.stream().filter(a -> a.name().equalsIgnoreCase(recipient == null ? "" : recipient.strip())).findFirst();
    }

    private static Tolerance tolerance(YamlNode n) {
        if (n.isScalar()) {
            double t = share(n, true);
            return new Tolerance(t, t, t);
        }
        n.requireOnlyKeys(Set.of("records", "individuals", "bytes"));
        return new Tolerance(n.optional("records").map(x -> share(x, true)).orElse(0.0),
                n.optional("individuals").map(x -> share(x, true)).orElse(0.0),
                n.optional("bytes").map(x -> share(x, true)).orElse(0.0));
    }

    /** {@code 5%} or {@code 0.05}. */
    static double share(YamlNode n, boolean zeroAllowed) {
        String v = n.asString().strip();
        double d;
        try {
            d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw n.error("expected a share such as 5% or 0.05, found '" + v + "'");
        }
        if (d < 0 || d > 1 || (!zeroAllowed && d == 0) || Double.isNaN(d)) {
            throw n.error("expected a share between " + (zeroAllowed ? "0%" : "just above 0%") + " and 100%, found '" + v + "'");
        }
        return d;
    }
}
