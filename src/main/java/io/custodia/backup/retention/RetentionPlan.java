package io.custodia.backup.retention;

import java.util.List;

/**
 * What retention will destroy, decided before anything is touched and kept in the step's
 * execution context so a restart finishes the same plan: the verdict for every set of the job,
 * the expired sets (and sets already in trash/ from an interrupted run), and every object no
 * remaining set references.
 */
public record RetentionPlan(List<RetentionPlanner.Decision> decisions, List<String> expiredSets, List<String> trashSets, List<Target> objects,
        List<String> datasets) {
    public RetentionPlan {
        decisions = List.copyOf(decisions);
        expiredSets = List.copyOf(expiredSets);
        trashSets = List.copyOf(trashSets);
        objects = List.copyOf(objects);
        datasets = List.copyOf(datasets);
    }

    /** One object to destroy and why: {@code expired}, or {@code orphan} (left by an interrupted run, referenced by no set). */
    public record Target(String object, long bytes, String why) {
    }

    public long bytes() {
        return objects.stream().mapToLong(Target::bytes).sum();
    }

    public long orphans() {
        return objects.stream().filter(t -> t.why().equals("orphan")).count();
    }
}
