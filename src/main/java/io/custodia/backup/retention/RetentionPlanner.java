package io.custodia.backup.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which sets a keep policy keeps and why (restic's --keep-daily/weekly/monthly): walking
 * from the newest set back, the first set seen in each of the first N distinct days (ISO weeks,
 * months) is kept. The newest set is always kept. Everything else expires.
 */
public final class RetentionPlanner {
    private RetentionPlanner() {
    }

    /** A set as retention sees it. */
    public record SetInfo(String set, LocalDate runDate, Instant createdAt) {
    }

    /** The verdict for one set: kept (with every rule that keeps it) or expired. */
    public record Decision(String set, LocalDate runDate, boolean keep, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }

    public static List<Decision> decide(List<SetInfo> sets, KeepPolicy policy) {
        List<SetInfo> newestFirst = new ArrayList<>(sets);
        newestFirst.sort(Comparator.comparing(SetInfo::runDate).thenComparing(SetInfo::createdAt).reversed());
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(s -> reasons.put(s.set(), new ArrayList<>()));
        if (!newestFirst.isEmpty()) {
            reasons.get(newestFirst.getFirst().set()).add("newest set");
        }
        apply(newestFirst, policy.daily(), "daily", LocalDate::toString, reasons);
        apply(newestFirst, policy.weekly(), "weekly",
                d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), reasons);
        apply(newestFirst, policy.monthly(), "monthly", d -> d.toString().substring(0, 7), reasons);
        List<Decision> out = new ArrayList<>();
        for (SetInfo s : newestFirst) {
            List<String> r = reasons.get(s.set());
            out.add(new Decision(s.set(), s.runDate(), !r.isEmpty(), r));
        }
        return out;
    }

    private static void apply(List<SetInfo> newestFirst, int n, String label, Function<LocalDate, String> bucket,
            Map<String, List<String>> reasons) {
        Set<String> seen = new HashSet<>();
        for (SetInfo s : newestFirst) {
            if (seen.size() >= n) {
                return;
            }
            if (seen.add(bucket.apply(s.runDate()))) {
                reasons.get(s.set()).add(label + " " + bucket.apply(s.runDate()));
            }
        }
    }
}
