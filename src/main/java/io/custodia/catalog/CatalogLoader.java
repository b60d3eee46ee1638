package io.custodia.catalog;

import io.custodia.config.YamlNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code catalog.yaml}. Everything is checked before any job touches data:
 * unknown keys, wrong types, unknown levels and tags, keys and retention anchors that name no
 * declared column. Each error carries file:line:column.
 */
public final class CatalogLoader {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private CatalogLoader() {
    }

    public static Catalog load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        YamlNode root = YamlNode.load(abs).requireOnlyKeys(Set.of("version", "company", "datasets"));
        int version = root.require("version").asInt();
        if (version != 1) {
            throw root.require("version").error("unsupported catalog version " + version + "; this Custodia reads version 1");
        }
        String company = root.optionalString("company").orElse("");
        List<Dataset> datasets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode d : root.require("datasets").asList()) {
            Dataset ds = dataset(d, abs.getParent());
            if (!names.add(ds.name())) {
                throw d.require("name").error("dataset name '" + ds.name() + "' is declared twice");
            }
            datasets.add(ds);
        }
        if (datasets.isEmpty()) {
            throw root.require("datasets").error("the catalog declares no datasets");
        }
        return new Catalog(abs, company, datasets);
    }

    private static Dataset dataset(YamlNode d, Path baseDir) {
        d.requireOnlyKeys(Set.of("name", "description", "role", "location", "format", "primary-key", "subject-key",
                "columns", "retention"));
        YamlNode nameNode = d.require("name");
        String name = nameNode.asString();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error("dataset name '" + name + "' must be lower case letters, digits and '_'");
        }
        DatasetRole role = d.optional("role").map(n -> n.asEnum(DatasetRole.class)).orElse(DatasetRole.DATA);
        URI location = resolveLocation(d.require("location"), baseDir);
        DataFormat format = d.require("format").asEnum(DataFormat.class);

        List<Column> columns = new ArrayList<>();
        Set<String> columnNames = new HashSet<>();
        for (YamlNode c : d.require("columns").asList()) {
            Column col = column(c);
            if (!columnNames.add(col.name())) {
                throw c.require("name").error("column '" + col.name() + "' is declared twice in dataset '" + name + "'");
            }
            columns.add(col);
        }
        String primaryKey = d.optional("primary-key").map(n -> requireDeclared(n, columnNames, name)).orElse(null);
        String subjectKey = d.optional("subject-key").map(n -> requireDeclared(n, columnNames, name)).orElse(null);

        List<RetentionRule> retention = new ArrayList<>();
        Set<Level> seen = EnumSet.noneOf(Level.class);
        for (YamlNode r : d.optional("retention").map(YamlNode::asList).orElse(List.of())) {
            r.requireOnlyKeys(Set.of("level", "keep", "from"));
            Level level = r.require("level").asEnum(Level.class);
            if (!seen.add(level)) {
                throw r.require("level").error("a retention rule for level '" + level.label() + "' is declared twice");
            }
            YamlNode from = r.require("from");
            String anchor = requireDeclared(from, columnNames, name);
            ColumnType anchorType = columns.stream().filter(c -> c.name().equals(anchor)).findFirst().orElseThrow().type();
            if (anchorType != ColumnType.DATE && anchorType != ColumnType.TIMESTAMP) {
                throw from.error("retention anchor '" + anchor + "' is of type " + anchorType.label() + "; it must be a date or timestamp");
            }
            retention.add(new RetentionRule(level, r.require("keep").asPeriod(), anchor));
        }
        return new Dataset(name, d.optionalString("description").orElse(""), role, location, format, primaryKey,
                subjectKey, columns, retention, d.location());
    }

    private static Column column(YamlNode c) {
        c.requireOnlyKeys(Set.of("name", "type", "level", "tags", "required", "description"));
        YamlNode nameNode = c.require("name");
        String name = nameNode.asString();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error("column name '" + name + "' must be lower case letters, digits and '_'");
        }
        ColumnType type = c.require("type").asEnum(ColumnType.class);
        Level level = c.require("level").asEnum(Level.class);
        Set<Tag> tags = EnumSet.noneOf(Tag.class);
        c.optional("tags").ifPresent(t -> {
            for (YamlNode tag : t.isScalar() ? List.of(t) : t.asList()) {
                tags.add(tag.asEnum(Tag.class));
            }
        });
        boolean required = c.optional("required").map(YamlNode::asBoolean).orElse(false);
        return new Column(name, type, level, tags, required);
    }

    private static String requireDeclared(YamlNode n, Set<String> columns, String dataset) {
        String col = n.asString();
        if (!columns.contains(col)) {
            throw n.error("column '" + col + "' is not declared in dataset '" + dataset + "'; declared: " + columns.stream().sorted().toList());
        }
        return col;
    }

    private static URI resolveLocation(YamlNode n, Path baseDir) {
        String raw = n.asString().trim();
        if (raw.isEmpty()) {
            throw n.error("location is empty");
        }
        if (SCHEME.matcher(raw).matches() && !raw.matches("^[a-zA-Z]:\\\\.*")) {
            try {
                URI uri = new URI(raw);
                if (uri.getScheme().equals("file")) {
                    return Path.of(uri).normalize().toUri();
                }
                return uri;
            } catch (Exception e) {
                throw n.error("location '" + raw + "' is not a valid URI: " + e.getMessage());
            }
        }
        return baseDir.resolve(raw).normalize().toUri();
    }
}
