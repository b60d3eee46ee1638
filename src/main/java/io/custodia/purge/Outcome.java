package io.custodia.purge;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scope does to a file or a dataset: rows in and out, destruction per reason, what the
 * binding legal holds keep (and would otherwise have gone, per reason), and what waits for approval
 * (the rows an approved erasure request would still take beyond this scope).
 */
public record Outcome(long rowsIn, long rowsOut, Map<String, Count> destroyed, Map<String, Count> held, Count awaitingApproval) {
    public static final Outcome EMPTY = new Outcome(0, 0, Map.of(), Map.of(), Count.ZERO);

    public Outcome {
        destroyed = Map.copyOf(destroyed);
        held = Map.copyOf(held);
    }

    /** Sum of two outcomes (subjects summed, distinct only within each). */
    public Outcome plus(Outcome o) {
        Map<String, Count> d = new LinkedHashMap<>(destroyed);
        o.destroyed.forEach((k, v) -> d.merge(k, v, Count::plus));
        Map<String, Count> h = new LinkedHashMap<>(held);
        o.held.forEach((k, v) -> h.merge(k, v, Count::plus));
        return new Outcome(rowsIn + o.rowsIn, rowsOut + o.rowsOut, d, h, awaitingApproval.plus(o.awaitingApproval));
    }

    public Count destroyed(Reason r) {
        return destroyed.getOrDefault(r.label(), Count.ZERO);
    }

    public boolean destroysAnything() {
        return destroyed.values().stream().anyMatch(c -> !c.zero());
    }

    /** Same rows and values destroyed per reason (subjects aside). */
    public boolean sameDestruction(Outcome o) {
        if (rowsIn != o.rowsIn || rowsOut != o.rowsOut) {
            return false;
        }
        for (Reason r : Reason.values()) {
            if (!destroyed(r).sameRowsAndValues(o.destroyed(r))) {
                return false;
            }
        }
        return true;
    }

    /** The mutable form the scanners fill. */
    static final class Builder {
        long rowsIn;
        long rowsOut;
        final Map<Reason, Tally> destroyed = new EnumMap<>(Reason.class);
        final Map<Reason, Tally> held = new EnumMap<>(Reason.class);
        final Tally awaiting = new Tally();

        Tally destroyed(Reason r) {
            return destroyed.computeIfAbsent(r, k -> new Tally());
        }

        Tally held(Reason r) {
            return held.computeIfAbsent(r, k -> new Tally());
        }

        void merge(Builder o) {
            rowsIn += o.rowsIn;
            rowsOut += o.rowsOut;
            o.destroyed.forEach((r, t) -> destroyed(r).merge(t));
            o.held.forEach((r, t) -> held(r).merge(t));
            awaiting.merge(o.awaiting);
        }

        Outcome build() {
            Map<String, Count> d = new LinkedHashMap<>();
            destroyed.forEach((r, t) -> d.put(r.label(), t.count()));
            Map<String, Count> h = new LinkedHashMap<>();
            held.forEach((r, t) -> h.put(r.label(), t.count()));
            return new Outcome(rowsIn, rowsOut, d, h, awaiting.count());
        }
    }
}
