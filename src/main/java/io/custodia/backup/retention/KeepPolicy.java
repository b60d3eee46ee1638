package io.custodia.backup.retention;

/**
 * How many sets to keep, restic-style: the newest set of each of the last {@code daily} days that
 * have a set, of the last {@code weekly} ISO weeks and of the last {@code monthly} months. The
 * newest set is always kept.
 */
public record KeepPolicy(int daily, int weekly, int monthly) {
    public KeepPolicy {
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("keep counts cannot be negative");
        }
    }
}
