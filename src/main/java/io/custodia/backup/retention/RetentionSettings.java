package io.custodia.backup.retention;

import io.custodia.config.YamlNode;
import java.time.Period;
import java.util.Set;

/**
 * The {@code retention:} part of a backup job file.
 *
 * <pre>
 * retention:
 *   keep: {daily: 7, weekly: 4, monthly: 12}
 *   approval: SEC-2026-014        # who approved destroying expired sets; without it retention only plans
 *   overwrite-passes: 3           # full overwrites after the cryptographic erase (0x00, 0xFF, random), 0..3
 *   orphans-after: 7d             # objects no set references (interrupted runs) are destroyed after this
 * </pre>
 */
public record RetentionSettings(KeepPolicy keep, String approval, int overwritePasses, Period orphansAfter) {
    public boolean approved() {
        return approval != null;
    }

    public static RetentionSettings from(YamlNode n) {
        n.requireOnlyKeys(Set.of("keep", "approval", "overwrite-passes", "orphans-after"));
        YamlNode keep = n.require("keep");
        keep.requireOnlyKeys(Set.of("daily", "weekly", "monthly"));
        int daily = count(keep, "daily");
        int weekly = count(keep, "weekly");
        int monthly = count(keep, "monthly");
        if (daily + weekly + monthly == 0) {
            throw keep.error("keep at least one set (daily, weekly or monthly above 0); to keep everything, remove the retention section");
        }
        String approval = n.optionalString("approval").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        int passes = n.optional("overwrite-passes").map(YamlNode::asInt).orElse(3);
        if (passes < 0 || passes > 3) {
            throw n.require("overwrite-passes").error("must be 0, 1, 2 or 3 (0x00, then 0xFF, then random), got " + passes);
        }
        Period orphans = n.optional("orphans-after").map(YamlNode::asPeriod).orElse(Period.ofDays(7));
        if (orphans.isNegative()) {
            throw n.require("orphans-after").error("must not be negative");
        }
        return new RetentionSettings(new KeepPolicy(daily, weekly, monthly), approval, passes, orphans);
    }

    private static int count(YamlNode keep, String key) {
        int v = keep.optional(key).map(YamlNode::asInt).orElse(0);
        if (v < 0) {
            throw keep.require(key).error("must be 0 or more, got " + v);
        }
        return v;
    }
}
