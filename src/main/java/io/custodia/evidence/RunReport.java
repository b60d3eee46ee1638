package io.custodia.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, for people (HTML) and machines (JSON): headline facts, tables, bar charts and
 * notes. It must never hold a raw personal value — counts, names of datasets and columns, keyed
 * hashes only.
 */
public record RunReport(
        String job,
        String run,
        String title,
        String status,
        Instant startedAt,
        Instant finishedAt,
        String jobFile,
        String runDate,
        Map<String, Object> facts,
        List<Table> tables,
        List<Bars> charts,
        List<String> notes) {

    /** A titled table; cells are strings or numbers. */
    public record Table(String title, List<String> columns, List<List<Object>> rows) {
    }

    /** A bar chart of values against an optional limit each (drawn as a line), e.g. volume against a threshold. */
    public record Bars(String title, String unit, List<Bar> bars) {
    }

    public record Bar(String label, double value, Double limit) {
    }

    public Duration duration() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    public static Builder builder(String job, String run) {
        return new Builder(job, run);
    }

    /** Collects a report step by step; {@link #build()} freezes it. */
    public static final class Builder {
        private final String job;
        private final String run;
        private String title;
        private String status = "COMPLETED";
        private Instant startedAt;
        private Instant finishedAt;
        private String jobFile;
        private String runDate;
        private final Map<String, Object> facts = new LinkedHashMap<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Bars> charts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String job, String run) {
            this.job = job;
            this.run = run;
            this.title = job;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder times(Instant startedAt, Instant finishedAt) {
            this.startedAt = startedAt;
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder source(String jobFile, String runDate) {
            this.jobFile = jobFile;
            this.runDate = runDate;
            return this;
        }

        public Builder fact(String name, Object value) {
            facts.put(name, value);
            return this;
        }

        public Builder table(String title, List<String> columns, List<List<Object>> rows) {
            tables.add(new Table(title, List.copyOf(columns), rows.stream().map(r -> (List<Object>) new ArrayList<>(r)).toList()));
            return this;
        }

        public Builder chart(Bars bars) {
            charts.add(bars);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public RunReport build() {
            return new RunReport(job, run, title, status, startedAt, finishedAt, jobFile, runDate,
                    new LinkedHashMap<>(facts), List.copyOf(tables), List.copyOf(charts), List.copyOf(notes));
        }
    }
}
