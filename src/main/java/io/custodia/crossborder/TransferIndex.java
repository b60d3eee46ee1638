package io.custodia.crossborder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which declared transfer an egress line belongs to. The key is the {@code object} the gateway
 * logged, as the ledger names it. When several ledger rows name the same object (a feed sent every
 * month under one name), a line belongs to the latest row declared at or before the line's time,
 * or to the earliest row when the line is older than all of them. Destination host and country are
 * not part of the key: a line for a declared object that went elsewhere is still that transfer's
 * evidence, and reconcile reports the mismatch instead of calling it undeclared.
 */
final class TransferIndex {
    private final Map<String, long[]> times = new HashMap<>();
    private final Map<String, int[]> rows = new HashMap<>();

    TransferIndex(List<LedgerRow> ledger) {
        Map<String, List<LedgerRow>> byObject = new HashMap<>();
        for (LedgerRow r : ledger) {
            if (r.matchable()) {
                byObject.computeIfAbsent(r.object(), o -> new ArrayList<>()).add(r);
            }
        }
        byObject.forEach((object, list) -> {
            list.sort(Comparator.comparing(LedgerRow::transferredAt).thenComparingInt(LedgerRow::index));
            times.put(object, list.stream().mapToLong(r -> r.transferredAt().toEpochMilli()).toArray());
            rows.put(object, list.stream().mapToInt(LedgerRow::index).toArray());
        });
    }

    /** The ledger row index for a line, or -1 when no row names its object. */
    int assign(String object, long millis) {
        int[] r = rows.get(object);
        if (r == null) {
            return -1;
        }
        if (r.length == 1) {
            return r[0];
        }
        long[] t = times.get(object);
        int lo = 0;
        int hi = t.length - 1;
        int best = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= millis) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return r[best];
    }
}
