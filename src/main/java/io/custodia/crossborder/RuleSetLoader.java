package io.custodia.crossborder;

import io.custodia.config.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads and validates a rule file. A job file selects one by name (a rule set shipped in
 * {@code io/custodia/crossborder/rules/NAME.yaml}) or by a path relative to the job file; every
 * problem is reported with file:line:column before any work starts.
 */
final class RuleSetLoader {
    static final String DEFAULT = "cac-2024";
    private static final String RESOURCES = "/io/custodia/crossborder/rules/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private RuleSetLoader() {
    }

    /** {@code rules:} as written in a job file: a built-in name, or a path (anything with '/' or ending in .yaml/.yml). */
    static RuleSet select(YamlNode value, Path jobFileDir) {
        String v = value.asString().trim();
        boolean path = v.contains("/") || v.contains("\\") || v.endsWith(".yaml") || v.endsWith(".yml");
        if (path) {
            Path file = jobFileDir.resolve(v).normalize();
            if (!Files.isRegularFile(file)) {
                throw value.error("the rule file " + file + " does not exist");
            }
            return load(file, file.toString());
        }
        if (!NAME.matcher(v).matches() || RuleSetLoader.class.getResource(RESOURCES + v + ".yaml") == null) {
            throw value.error("unknown rule set '" + v + "'; built in: " + DEFAULT + " (or give the path of a rule file, e.g. ./my-rules.yaml)");
        }
        RuleSet rules = builtIn(v);
        if (!rules.name().equals(v)) {
            throw value.error("the built-in rule file " + v + ".yaml names itself '" + rules.name() + "'");
        }
        return rules;
    }

    /**
     * A rule set shipped with Custodia. YAML locations need a file, and a resource inside the
     * application jar has none, so it is copied to a temporary file first; the report names it
     * "built in".
     */
    static RuleSet builtIn(String name) {
        try (InputStream in = RuleSetLoader.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in rule set '" + name + "'");
            }
            Path dir = Files.createTempDirectory("custodia-rules");
            Path file = dir.resolve(name + ".yaml");
            try {
                Files.copy(in, file);
                return load(file, "built in (" + RESOURCES.substring(1) + name + ".yaml)");
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rule set " + name + ": " + e.getMessage(), e);
        }
    }

    static RuleSet load(Path file, String origin) {
        YamlNode root = YamlNode.load(file);
        root.requireOnlyKeys(Set.of("name", "version", "title", "effective", "source", "applies-to", "count-from", "levels",
                "thresholds", "important-data", "mechanisms", "exemptions", "working-days", "holidays", "extra-working-days"));
        YamlNode nameNode = root.require("name");
        String name = nameNode.asString();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error("a rule-set name is lowercase letters, digits, '.' and '-', found '" + name + "'");
        }
        String version = root.requireString("version");
        String title = root.requireString("title");
        LocalDate effective = root.require("effective").asDate();
        String source = root.requireString("source");
        String appliesTo = root.requireString("applies-to");
        YamlNode countFromNode = root.require("count-from");
        String countFrom = countFromNode.asString();
        if (!countFrom.equals("january-1")) {
            throw countFromNode.error("only 'january-1' (counted from 1 January of the current year) is supported, found '" + countFrom + "'");
        }

        List<RuleSet.Level> levels = new ArrayList<>();
        Set<String> levelNames = new HashSet<>();
        for (YamlNode l : root.require("levels").asList()) {
            l.requireOnlyKeys(Set.of("name", "label"));
            String ln = l.requireString("name");
            if (!levelNames.add(ln)) {
                throw l.require("name").error("level '" + ln + "' is listed twice");
            }
            levels.add(new RuleSet.Level(ln, l.requireString("label")));
        }
        if (levels.size() < 2) {
            throw root.require("levels").error("list at least two levels, weakest first (e.g. none, …, security-assessment)");
        }

        YamlNode thresholds = root.require("thresholds");
        thresholds.requireOnlyKeys(Set.of("non-sensitive", "sensitive"));
        List<RuleSet.Threshold> nonSensitive = thresholds(thresholds.require("non-sensitive"), levelNames, levels);
        List<RuleSet.Threshold> sensitive = thresholds(thresholds.require("sensitive"), levelNames, levels);
        String importantData = level(root.require("important-data"), levelNames);

        Map<String, RuleSet.Mechanism> mechanisms = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : root.require("mechanisms").asMap().entrySet()) {
            YamlNode m = e.getValue();
            m.requireOnlyKeys(Set.of("provides", "validity", "filing-within-working-days", "citation"));
            if (e.getKey().equals(RuleSet.EXEMPTION)) {
                throw m.error("'" + RuleSet.EXEMPTION + "' is reserved for exemptions; list those under exemptions:");
            }
            Period validity = m.optional("validity").map(YamlNode::asPeriod).orElse(null);
            if (validity != null && (validity.isNegative() || validity.isZero())) {
                throw m.require("validity").error("must be a positive period such as 3y");
            }
            Integer filing = m.optional("filing-within-working-days").map(YamlNode::asInt).orElse(null);
            if (filing != null && filing < 0) {
                throw m.require("filing-within-working-days").error("must be zero or more");
            }
            mechanisms.put(e.getKey(), new RuleSet.Mechanism(e.getKey(), level(m.require("provides"), levelNames), validity, filing,
                    m.requireString("citation")));
        }
        if (mechanisms.isEmpty()) {
            throw root.require("mechanisms").error("list at least one mechanism");
        }

        Map<String, RuleSet.Exemption> exemptions = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : root.optional("exemptions").map(YamlNode::asMap).orElse(Map.of()).entrySet()) {
            YamlNode x = e.getValue();
            x.requireOnlyKeys(Set.of("counted", "provides", "citation", "description"));
            boolean counted = x.require("counted").asBoolean();
            String provides = x.optional("provides").map(n -> level(n, levelNames)).orElse(null);
            if (counted && provides == null) {
                throw x.error("an exemption that is counted toward the thresholds must say which level it provides (provides: none)");
            }
            exemptions.put(e.getKey(), new RuleSet.Exemption(e.getKey(), counted, provides, x.requireString("citation"),
                    x.requireString("description")));
        }

        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        YamlNode wd = root.require("working-days");
        for (YamlNode d : wd.asList()) {
            DayOfWeek day = d.asEnum(DayOfWeek.class);
            if (!weekdays.add(day)) {
                throw d.error(d.asString() + " is listed twice");
            }
        }
        if (weekdays.isEmpty()) {
            throw wd.error("list at least one working weekday");
        }
        TreeSet<LocalDate> holidays = dates(root, "holidays");
        TreeSet<LocalDate> extra = dates(root, "extra-working-days");
        for (LocalDate d : extra) {
            if (holidays.contains(d)) {
                throw root.require("extra-working-days").error(d + " is listed both as a holiday and as a working day");
            }
        }
        return new RuleSet(name, version, title, effective, source, appliesTo, countFrom, levels, nonSensitive, sensitive, importantData,
                mechanisms, exemptions, new WorkingDays(weekdays, holidays, extra), origin);
    }

    private static List<RuleSet.Threshold> thresholds(YamlNode list, Set<String> levelNames, List<RuleSet.Level> levels) {
        List<RuleSet.Threshold> out = new ArrayList<>();
        long previous = 0;
        int previousRank = 0;
        for (YamlNode t : list.asList()) {
            t.requireOnlyKeys(Set.of("at-least", "requires", "citation"));
            YamlNode atLeastNode = t.require("at-least");
            long atLeast = atLeastNode.asLong();
            if (atLeast < 1) {
                throw atLeastNode.error("a threshold counts individuals and must be at least 1, found " + atLeast);
            }
            if (atLeast <= previous) {
                throw atLeastNode.error("thresholds must be listed in ascending order: " + atLeast + " follows " + previous);
            }
            String requires = level(t.require("requires"), levelNames);
            int rank = levels.stream().map(RuleSet.Level::name).toList().indexOf(requires);
            if (rank <= previousRank) {
                throw t.require("requires").error("a higher threshold must require a stronger level than the one below it; '"
                        + requires + "' is not stronger than '" + levels.get(previousRank).name() + "'");
            }
            out.add(new RuleSet.Threshold(atLeast, requires, t.requireString("citation")));
            previous = atLeast;
            previousRank = rank;
        }
        return List.copyOf(out);
    }

    private static String level(YamlNode n, Set<String> levelNames) {
        String v = n.asString();
        if (!levelNames.contains(v)) {
            throw n.error("unknown level '" + v + "'; the levels of this rule file are " + new TreeSet<>(levelNames));
        }
        return v;
    }

    private static TreeSet<LocalDate> dates(YamlNode root, String key) {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (YamlNode d : root.optional(key).map(YamlNode::asList).orElse(List.of())) {
            if (!out.add(d.asDate())) {
                throw d.error(d.asString() + " is listed twice");
            }
        }
        return out;
    }
}
