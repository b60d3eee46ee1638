package io.custodia.purge;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reasons an execution is allowed to act on. A plan is computed for the full scope and for the
 * scope the job file pre-approves; an execution runs one of them. Its code ("R", "E", "RE") names
 * the execution's journal and certificate, so the same plan run in the same scope is never
 * certified twice.
 */
public record Scope(Set<Reason> reasons) {
    public static final Scope FULL = new Scope(EnumSet.allOf(Reason.class));
    public static final Scope NONE = new Scope(EnumSet.noneOf(Reason.class));

    public Scope {
        reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
    }

    public boolean has(Reason r) {
        return reasons.contains(r);
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    public boolean isFull() {
        return reasons.size() == Reason.values().length;
    }

    /** "R", "E", "RE" (reasons in declaration order), "" for none. */
    public String code() {
        StringBuilder b = new StringBuilder();
        for (Reason r : Reason.values()) {
            if (has(r)) {
                b.append(r.code());
            }
        }
        return b.toString();
    }

    public static Scope ofCode(String code) {
        EnumSet<Reason> set = EnumSet.noneOf(Reason.class);
        for (char c : code.toCharArray()) {
            Reason found = null;
            for (Reason r : Reason.values()) {
                if (r.code() == c) {
                    found = r;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown scope code '" + code + "'");
            }
            set.add(found);
        }
        return new Scope(set);
    }

    public String describe() {
        return isEmpty() ? "nothing" : EnumSet.copyOf(reasons).stream().map(Reason::label).collect(Collectors.joining(" + "));
    }
}
