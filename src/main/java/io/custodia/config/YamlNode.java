package io.custodia.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it came from. Every accessor fails with a
 * {@link ConfigException} whose message starts with {@code file:line:column}, so strict
 * validation (unknown keys, wrong types, missing keys) always points at the spot to fix.
 *
 * <p>Mappings are read key by key; {@link #requireOnlyKeys} rejects anything not expected,
 * which is how typos like {@code retension:} are caught instead of silently ignored.
 */
public final class YamlNode {
    private final Path file;
    private final Node node;
    private final String path;

    private YamlNode(Path file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    /** Parses a file; syntax errors are reported with file:line:column. */
    public static YamlNode load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(file + ":1:1: the file is empty; expected a YAML mapping");
            }
            return new YamlNode(file, root, "");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? file + ":1:1" : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(where + ": YAML syntax error: " + problem.strip()
                    + (e.getContext() != null ? " (" + e.getContext().strip() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConfigException(file + ":1:1: cannot read the file: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** {@code file:line:column} of this node's start. */
    public String location() {
        Mark m = node.getStartMark();
        return file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    /** The key path inside the document, e.g. {@code datasets[2].columns[0].level}. */
    public String path() {
        return path.isEmpty() ? "(document)" : path;
    }

    public ConfigException error(String message) {
        return new ConfigException(location() + ": " + path() + ": " + message);
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    // ---- mappings -------------------------------------------------------------------------

    private Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines), found " + describe());
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlNode(file, t.getKeyNode(), path).error("keys must be plain text");
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            if (out.containsKey(key.getValue())) {
                throw new YamlNode(file, key, childPath).error("key '" + key.getValue() + "' appears twice");
            }
            out.put(key.getValue(), new YamlNode(file, t.getValueNode(), childPath));
        }
        return out;
    }

    /** Rejects any key not in {@code allowed}, naming the unknown key and the allowed ones. */
    public YamlNode requireOnlyKeys(Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines), found " + describe());
        }
        entries();
        for (NodeTuple t : mapping.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                YamlNode keyNode = new YamlNode(file, t.getKeyNode(), path.isEmpty() ? key : path + "." + key);
                throw keyNode.error("unknown key '" + key + "'; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public Set<String> keys() {
        return entries().keySet();
    }

    public Optional<YamlNode> optional(String key) {
        YamlNode child = entries().get(key);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        return Optional.of(child);
    }

    public YamlNode require(String key) {
        return optional(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    public String requireString(String key) {
        return require(key).asString();
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(YamlNode::asString);
    }

    public Map<String, YamlNode> asMap() {
        return entries();
    }

    // ---- sequences ------------------------------------------------------------------------

    public List<YamlNode> asList() {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list (lines starting with '- '), found " + describe());
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlNode(file, seq.getValue().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public List<String> asStringList() {
        if (isScalar()) {
            return List.of(asString());
        }
        return asList().stream().map(YamlNode::asString).toList();
    }

    // ---- scalars --------------------------------------------------------------------------

    public boolean isNull() {
        return node instanceof ScalarNode s && node.getTag().getValue().endsWith(":null")
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equalsIgnoreCase("null"));
    }

    public String asString() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value, found " + describe());
        }
        return s.getValue();
    }

    public int asInt() {
        String v = asString().replace("_", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + asString() + "'");
        }
    }

    public long asLong() {
        String v = asString().replace("_", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + asString() + "'");
        }
    }

    public double asDouble() {
        try {
            return Double.parseDouble(asString().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + asString() + "'");
        }
    }

    public boolean asBoolean() {
        return switch (asString().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, found '" + asString() + "'");
        };
    }

    public LocalDate asDate() {
        try {
            return LocalDate.parse(asString());
        } catch (DateTimeParseException e) {
            throw error("expected a date YYYY-MM-DD, found '" + asString() + "'");
        }
    }

    private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)");

    /** Reads {@code 30d}, {@code 6 months}, {@code 5y} or an ISO-8601 period like {@code P5Y}. */
    public Period asPeriod() {
        String v = asString().trim().toLowerCase();
        if (v.startsWith("p")) {
            try {
                return Period.parse(v.toUpperCase());
            } catch (DateTimeParseException e) {
                throw error("expected a period such as 30d, 6 months, 5y or P5Y, found '" + asString() + "'");
            }
        }
        Matcher m = PERIOD.matcher(v);
        if (!m.matches()) {
            throw error("expected a period such as 30d, 6 months, 5y or P5Y, found '" + asString() + "'");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2).charAt(0)) {
            case 'd' -> Period.ofDays(n);
            case 'w' -> Period.ofWeeks(n);
            case 'm' -> Period.ofMonths(n);
            default -> Period.ofYears(n);
        };
    }

    /** Matches this value against a closed set of words (case-insensitive, '-' and '_' alike). */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        String v = asString().trim().toUpperCase().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase().replace('_', '-'));
        }
        throw error("unknown value '" + asString() + "'; expected one of " + String.join(", ", allowed));
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
