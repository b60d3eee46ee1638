package io.custodia.crossborder;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned set of cross-border rules (e.g. {@code cac-2024}), loaded from YAML by
 * {@link RuleSetLoader}: the thresholds that decide which mechanism a year's volume requires, the
 * mechanisms a ledger may cite, the exemptions, and the working-day calendar for filing deadlines.
 * Nothing legal is hard-coded in Java: a new regulation is a new rule file.
 *
 * @param levels      mechanism levels, weakest first (e.g. none, standard-contract-or-certification, security-assessment)
 * @param nonSensitive thresholds over distinct individuals whose non-sensitive personal information left, ascending
 * @param sensitive   thresholds over distinct individuals whose sensitive personal information left, ascending
 * @param mechanisms  by the value of the ledger's {@code legal_basis} column
 * @param exemptions  by the value of the ledger's {@code exemption_kind} column (with {@code legal_basis: exemption})
 */
record RuleSet(String name, String version, String title, LocalDate effective, String source, String appliesTo, String countFrom,
        List<Level> levels, List<Threshold> nonSensitive, List<Threshold> sensitive, String importantData,
        Map<String, Mechanism> mechanisms, Map<String, Exemption> exemptions, WorkingDays workingDays, String origin) {

    /** The {@code legal_basis} value that names an exemption (its kind in {@code exemption_kind}). */
    static final String EXEMPTION = "exemption";

    record Level(String name, String label) {
    }

    record Threshold(long atLeast, String requires, String citation) {
    }

    /** A mechanism a ledger row may cite; {@code validity} caps how long it lasts from taking effect. */
    record Mechanism(String name, String provides, Period validity, Integer filingWithinWorkingDays, String citation) {
    }

    /** {@code counted}: whether transfers under it still count toward the thresholds (Art. 5(4) small volume does). */
    record Exemption(String kind, boolean counted, String provides, String citation, String description) {
    }

    int rank(String level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(level)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no level '" + level + "' in rule set " + name);
    }

    String lowestLevel() {
        return levels.getFirst().name();
    }

    String label(String level) {
        return levels.get(rank(level)).label();
    }

    List<Threshold> thresholds(boolean sensitiveData) {
        return sensitiveData ? sensitive : nonSensitive;
    }

    /** The level a year's volume requires: that of the highest threshold reached, else the lowest level. */
    String required(boolean sensitiveData, long individuals) {
        String level = lowestLevel();
        for (Threshold t : thresholds(sensitiveData)) {
            if (individuals >= t.atLeast()) {
                level = t.requires();
            }
        }
        return level;
    }

    /** The lowest threshold not yet reached, if any. */
    Optional<Threshold> next(boolean sensitiveData, long individuals) {
        return thresholds(sensitiveData).stream().filter(t -> individuals < t.atLeast()).findFirst();
    }

    /** The highest threshold reached, if any. */
    Optional<Threshold> reached(boolean sensitiveData, long individuals) {
        return thresholds(sensitiveData).stream().filter(t -> individuals >= t.atLeast()).reduce((a, b) -> b);
    }

    /** "3 years", "18 months". */
    static String describe(Period p) {
        List<String> parts = new java.util.ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() != 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (p.getDays() != 0) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        return String.join(" ", parts);
    }

    /** "cac-2024 version 2024.1 (in force 2024-03-22)". */
    String describe() {
        return name + " version " + version + " (in force " + effective + ")";
    }
}
