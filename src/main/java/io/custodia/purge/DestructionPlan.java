package io.custodia.purge;

import java.util.List;
import java.util.Map;

/**
 * A destruction plan (seed 003 销毁流程: application → approval → destruction → confirmation): what
 * would be destroyed on a run date, per dataset, level and reason, what binding legal holds keep,
 * and what waits for approval — counts only, never a personal value — with the fingerprint of
 * every input so that executing it after the inputs changed is refused.
 *
 * <p>Outcomes are keyed by scope code: {@code RE} is everything (what a named approval executes),
 * the job file's auto-approved scope (e.g. {@code R}) is what runs unattended.
 *
 * @param id        {@code <run date>-<12 hex>}: a hash of the job file, the run date and the inputs, so
 *                  the same inputs on the same date always give the same plan id
 * @param autoScope the scope code the job file pre-approves ("" when it pre-approves nothing)
 */
public record DestructionPlan(
        String format,
        String id,
        String runDate,
        String createdAt,
        String jobFile,
        String catalog,
        String company,
        String autoScope,
        List<InputFile> inputs,
        RegisterCounts registers,
        List<DatasetPlan> datasets,
        List<FilePlan> files,
        List<String> notes) {

    public static final String FORMAT = "custodia.purge-plan/1";

    public record DatasetPlan(String name, String location, String format, List<String> retention, boolean rowCanExpire,
            Map<String, Outcome> outcomes) {
    }

    /** One data file: where, as planned (size, SHA-256), and what each scope does to it. */
    public record FilePlan(int index, String dataset, String uri, long size, String sha256, Map<String, Outcome> outcomes) {
        public Outcome outcome(Scope s) {
            return outcomes.get(s.code());
        }
    }

    public Outcome outcome(String dataset, Scope s) {
        return datasets.stream().filter(d -> d.name().equals(dataset)).findFirst().map(d -> d.outcomes().get(s.code())).orElse(null);
    }

    public Scope auto() {
        return Scope.ofCode(autoScope);
    }

    /** The scopes this plan has counts for. */
    public List<Scope> scopes() {
        return auto().isEmpty() || auto().isFull() ? List.of(Scope.FULL) : List.of(auto(), Scope.FULL);
    }

    public List<FilePlan> filesChangedBy(Scope s) {
        return files.stream().filter(f -> f.outcome(s) != null && f.outcome(s).destroysAnything()).toList();
    }

    public FilePlan file(int index) {
        return files.get(index);
    }
}
