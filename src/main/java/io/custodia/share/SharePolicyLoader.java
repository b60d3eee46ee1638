package io.custodia.share;

import io.custodia.batch.JobFile;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DatasetRole;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Tag;
import io.custodia.config.ConfigException;
import io.custodia.config.YamlNode;
import io.custodia.crypto.Hashes;
import io.custodia.share.SharePolicy.Condition;
import io.custodia.share.SharePolicy.ConsentRequirement;
import io.custodia.share.SharePolicy.CrossBorderBasis;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.SharePolicy.Privacy;
import io.custodia.share.SharePolicy.Recipient;
import io.custodia.share.SharePolicy.Source;
import io.custodia.share.privacy.PrivacyModel;
import io.custodia.share.transforms.Fpe;
import io.custodia.share.transforms.Pseudonym;
import io.custodia.share.transforms.Suppress;
import io.custodia.share.transforms.TransformParser;
import io.custodia.share.transforms.TransformSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the {@code share:} section of a job file. Every problem — a missing approval
 * reference, recipient, country or purpose, an unknown dataset or column, a transform that does
 * not fit the column's type, a core/sensitive/identifying column kept without an override, a
 * quasi-identifier exported but not checked — is a {@link ConfigException} at file:line:column,
 * raised before anything runs.
 *
 * <pre>
 * share:
 *   name: analytics-abroad                 # default: the job file's name
 *   recipient: {name: Atlas Analytics Inc., id: atlas-analytics, country: US}
 *   purpose: marketing analytics           # part of every derived key
 *   approval: SR-2026-0117                 # the approved sharing request / agreement
 *   legal-entity: Harbourline Trading (Shanghai) Co., Ltd.   # default: the catalog's company
 *   cross-border:                          # required when country is not CN, refused when it is
 *     legal-basis: standard-contract       # security-assessment | standard-contract | certification | exemption
 *     basis-reference: SCC-SH-2026-0072
 *     pia-reference: PIA-2025-011          # PIPL Art. 55 impact assessment (required)
 *     consent-reference: SC-TEXT-XB-v3     # Art. 39 separate-consent text (optional)
 *   source:
 *     dataset: customers
 *     where: {marketing_opt_in: true, country: [CN], account_closed_at: null}   # equals / one of (null: empty); all must hold
 *     consent: {dataset: consents, purpose: cross-border}    # active consent on the run date
 *   output: ../var/exports                 # default; a path relative to the job file or any Hadoop URI
 *   key-version: 1                         # default 1
 *   date-shift: {max-days: 30}             # needed when a column is date-shifted
 *   columns:                               # the allow-list: nothing else leaves
 *     - {column: customer_id, as: customer_token, transform: pseudonym, category: customer pseudonym}
 *     - {column: resident_id, transform: keep, override: {reason: "…"}}
 *   privacy:
 *     quasi-identifiers: [gender, age_band, province]   # output column names
 *     k: 5
 *     max-suppression: 5%                  # or 0.05
 *     risk-threshold: 0.1                  # a record whose prosecutor risk is above this is "at risk"; default 1/k
 *     max-average-risk: 0.05               # optional
 *     l-diversity: {attribute: spend_band, l: 2}   # optional
 * </pre>
 */
public final class SharePolicyLoader {
    static final Set<String> KEYS = Set.of("name", "recipient", "purpose", "approval", "legal-entity", "cross-border", "source", "output",
            "key-version", "date-shift", "columns", "privacy");
    static final Set<String> COLUMN_KEYS = Set.of("column", "as", "transform", "override", "category");
    static final List<String> LEGAL_BASES = List.of("security-assessment", "standard-contract", "certification", "exemption");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private SharePolicyLoader() {
    }

    public static SharePolicy load(JobFile file) {
        Catalog catalog = file.catalog();
        YamlNode share = file.root().require("share");
        share.requireOnlyKeys(KEYS);

        String name = share.optional("name").map(n -> {
            if (!NAME.matcher(n.asString()).matches()) {
                throw n.error("a share name is letters, digits, '.', '_' and '-' (it names a directory), found '" + n.asString() + "'");
            }
            return n.asString();
        }).orElse(file.name());

        Recipient recipient = recipient(share.require("recipient"));
        String purpose = nonBlank(share.require("purpose"), "the purpose of the sharing");
        String approval = nonBlank(share.require("approval"), "the approval reference (sharing request or agreement id)");
        String legalEntity = share.optional("legal-entity").map(n -> nonBlank(n, "the exporting legal entity")).orElse(catalog.company());

        CrossBorderBasis basis = null;
        if (recipient.country().equals(SharePolicy.DOMESTIC)) {
            share.optional("cross-border").ifPresent(n -> {
                throw n.error("the recipient is in mainland China (CN): this is not a cross-border transfer; remove 'cross-border'");
            });
        } else {
            YamlNode cb = share.optional("cross-border").orElseThrow(() -> share.require("recipient").error(
                    "the recipient is in " + recipient.country() + ", outside mainland China: add a 'cross-border' section naming the "
                            + "legal basis (PIPL Art. 38), its reference and the impact assessment (Art. 55)"));
            basis = crossBorder(cb);
        }

        Source source = source(share.require("source"), catalog);
        URI output = output(share.optional("output").orElse(null), file.path());
        int keyVersion = share.optional("key-version").map(YamlNode::asInt).orElse(1);
        if (keyVersion < 1) {
            throw share.require("key-version").error("key versions start at 1");
        }
        Integer maxDays = null;
        if (share.optional("date-shift").isPresent()) {
            YamlNode ds = share.require("date-shift");
            ds.requireOnlyKeys(Set.of("max-days"));
            YamlNode md = ds.require("max-days");
            maxDays = md.asInt();
            if (maxDays < 1 || maxDays > 36_500) {
                throw md.error("max-days must be from 1 to 36500");
            }
        }

        List<OutputColumn> columns = columns(share.require("columns"), source, new TransformParser.Context(keyVersion, maxDays));
        if (maxDays != null && columns.stream().noneMatch(c -> c.transform().needsSubject())) {
            throw share.require("date-shift").error("no column is date-shifted; remove 'date-shift'");
        }
        Privacy privacy = privacy(share.require("privacy"), columns, share.require("columns"), source.dataset());

        return new SharePolicy(file.path(), sha256(file.path()), sha256(file.catalogPath()), name, recipient, purpose, approval, legalEntity,
                basis, source, output, keyVersion, maxDays, columns, privacy);
    }

    private static Recipient recipient(YamlNode n) {
        n.requireOnlyKeys(Set.of("name", "id", "country"));
        String name = nonBlank(n.require("name"), "the recipient's legal name");
        YamlNode idNode = n.require("id");
        if (!ID.matcher(idNode.asString()).matches()) {
            throw idNode.error("a recipient id is lower-case letters, digits, '.', '_' and '-' (it scopes the recipient's keys; "
                    + "never change it), found '" + idNode.asString() + "'");
        }
        YamlNode c = n.require("country");
        if (!COUNTRY.matcher(c.asString()).matches()) {
            throw c.error("expected an ISO 3166 alpha-2 country code such as CN, US or SG, found '" + c.asString() + "'");
        }
        return new Recipient(name, idNode.asString(), c.asString());
    }

    private static CrossBorderBasis crossBorder(YamlNode n) {
        n.requireOnlyKeys(Set.of("legal-basis", "basis-reference", "pia-reference", "consent-reference"));
        YamlNode b = n.require("legal-basis");
        if (!LEGAL_BASES.contains(b.asString())) {
            throw b.error("unknown legal basis '" + b.asString() + "'; expected one of " + String.join(", ", LEGAL_BASES));
        }
        return new CrossBorderBasis(b.asString(), nonBlank(n.require("basis-reference"), "the basis reference (filing, contract or certificate number)"),
                nonBlank(n.require("pia-reference"), "the personal-information impact assessment (PIPL Art. 55)"),
                n.optional("consent-reference").map(x -> nonBlank(x, "the separate-consent reference")).orElse(null));
    }

    private static Source source(YamlNode n, Catalog catalog) {
        n.requireOnlyKeys(Set.of("dataset", "where", "consent"));
        Dataset ds = dataset(n.require("dataset"), catalog);
        if (ds.role() != DatasetRole.DATA) {
            throw n.require("dataset").error("dataset '" + ds.name() + "' holds " + ds.role().label() + " records, not customer data to share");
        }
        List<Condition> where = new ArrayList<>();
        n.optional("where").ifPresent(w -> w.asMap().forEach((col, valueNode) -> {
            Column c = ds.column(col).orElseThrow(() -> w.error("dataset '" + ds.name() + "' has no column '" + col + "' to filter on; it has "
                    + ds.columnNames()));
            Set<Object> values = new LinkedHashSet<>();
            for (YamlNode v : valueNode.isSequence() ? valueNode.asList() : List.of(valueNode)) {
                values.add(v.isNull() ? null : value(v, c)); // null: the column is empty (e.g. an account not closed)
            }
            if (values.isEmpty()) {
                throw valueNode.error("list at least one value");
            }
            where.add(new Condition(col, java.util.Collections.unmodifiableSet(values)));
        }));
        ConsentRequirement consent = null;
        if (n.optional("consent").isPresent()) {
            YamlNode cn = n.require("consent");
            cn.requireOnlyKeys(Set.of("dataset", "purpose"));
            Dataset cds = dataset(cn.require("dataset"), catalog);
            for (String col : List.of(ConsentRequirement.PURPOSE, ConsentRequirement.GRANTED_AT, ConsentRequirement.WITHDRAWN_AT)) {
                ColumnType expected = col.equals(ConsentRequirement.PURPOSE) ? ColumnType.STRING : ColumnType.TIMESTAMP;
                if (cds.column(col).map(c -> c.type() != expected).orElse(true)) {
                    throw cn.require("dataset").error("a consent dataset needs a " + expected.label() + " column '" + col + "'; '"
                            + cds.name() + "' has " + cds.columnNames());
                }
            }
            if (cds.subjectKey() == null || ds.subjectKey() == null) {
                throw cn.error("a consent filter joins on the subject key: both '" + ds.name() + "' and '" + cds.name()
                        + "' must declare a subject-key in the catalog");
            }
            consent = new ConsentRequirement(cds, nonBlank(cn.require("purpose"), "the consent purpose"));
        }
        return new Source(ds, List.copyOf(where), consent);
    }

    private static Object value(YamlNode v, Column c) {
        return switch (c.type()) {
            case STRING -> v.asString();
            case BOOLEAN -> v.asBoolean();
            case INT -> v.asInt();
            case LONG -> v.asLong();
            case DOUBLE -> v.asDouble();
            case DATE -> v.asDate();
            case TIMESTAMP -> {
                try {
                    yield Instant.parse(v.asString());
                } catch (DateTimeParseException e) {
                    throw v.error("expected a timestamp such as 2026-01-31T00:00:00Z, found '" + v.asString() + "'");
                }
            }
        };
    }

    private static Dataset dataset(YamlNode n, Catalog catalog) {
        return catalog.dataset(n.asString()).orElseThrow(() -> n.error("dataset '" + n.asString() + "' is not in the catalog "
                + catalog.source() + "; it has " + catalog.datasets().stream().map(Dataset::name).toList()));
    }

    private static URI output(YamlNode n, Path jobFile) {
        String v = n == null ? "../var/exports" : n.asString();
        if (v.isBlank()) {
            throw n.error("the output location is empty");
        }
        if (v.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            try {
                return URI.create(v);
            } catch (IllegalArgumentException e) {
                throw n.error("not a valid URI: " + e.getMessage());
            }
        }
        return jobFile.getParent().resolve(v).normalize().toUri();
    }

    private static List<OutputColumn> columns(YamlNode list, Source source, TransformParser.Context context) {
        List<OutputColumn> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Dataset ds = source.dataset();
        List<YamlNode> entries = list.asList();
        if (entries.isEmpty()) {
            throw list.error("the allow-list is empty: list the columns to share");
        }
        for (YamlNode e : entries) {
            if (!e.isMapping()) {
                throw e.error("each column is a mapping such as {column: gender, transform: keep}");
            }
            YamlNode colNode = e.require("column");
            Column col = ds.column(colNode.asString()).orElseThrow(() -> colNode.error("dataset '" + ds.name() + "' has no column '"
                    + colNode.asString() + "'; it has " + ds.columnNames()));
            YamlNode asNode = e.optional("as").orElse(colNode);
            String outName = asNode.asString();
            if (!outName.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw asNode.error("an output column name is letters, digits and '_', found '" + outName + "'");
            }
            if (!names.add(outName)) {
                throw asNode.error("output column '" + outName + "' appears twice; rename one with 'as'");
            }
            TransformSpec spec = TransformParser.parse(e, col, COLUMN_KEYS, context);
            String reason = null;
            if (e.optional("override").isPresent()) {
                YamlNode o = e.require("override");
                o.requireOnlyKeys(Set.of("reason"));
                reason = nonBlank(o.require("reason"), "why this column may leave unchanged");
                if (!spec.keepsRawValue() || !OutputColumn.needsOverride(col)) {
                    throw o.error("an override is only for keeping a core, sensitive or directly identifying column; "
                            + "'" + col.name() + "' with '" + spec.kind() + "' needs none, remove it");
                }
            } else if (spec.keepsRawValue() && OutputColumn.needsOverride(col)) {
                throw e.require("transform").error("column '" + col.name() + "' is " + describe(col)
                        + " in the catalog and cannot leave unchanged: pseudonymize, encrypt (fpe), mask, generalize or suppress it, "
                        + "or add override: {reason: ...} (the reason is reported in the manifest and the report)");
            }
            String category = e.optional("category").map(n -> nonBlank(n, "the data category")).orElse(defaultCategory(col, spec));
            out.add(new OutputColumn(outName, col, spec, reason, category));
        }
        return List.copyOf(out);
    }

    private static String describe(Column c) {
        List<String> what = new ArrayList<>();
        if (c.level() == io.custodia.catalog.Level.CORE) {
            what.add("declared core");
        }
        if (c.has(Tag.SENSITIVE)) {
            what.add("tagged sensitive");
        }
        if (c.has(Tag.DIRECT_IDENTIFIER)) {
            what.add("tagged direct-identifier");
        }
        return String.join(" and ", what);
    }

    private static String defaultCategory(Column c, TransformSpec spec) {
        String base = c.name().replace('_', ' ');
        return switch (spec) {
            case Pseudonym p -> base + " (pseudonym)";
            case Fpe f -> base + " (encrypted)";
            default -> base;
        };
    }

    private static Privacy privacy(YamlNode n, List<OutputColumn> columns, YamlNode columnsNode, Dataset source) {
        n.requireOnlyKeys(Set.of("quasi-identifiers", "k", "max-suppression", "risk-threshold", "max-average-risk", "l-diversity"));
        YamlNode qiNode = n.require("quasi-identifiers");
        List<String> qis = new ArrayList<>();
        for (YamlNode q : qiNode.isSequence() ? qiNode.asList() : List.of(qiNode)) {
            OutputColumn c = columns.stream().filter(x -> x.name().equals(q.asString())).findFirst().orElseThrow(() -> q.error(
                    "'" + q.asString() + "' is not an output column of this share; quasi-identifiers name output columns (after 'as'): "
                            + columns.stream().map(OutputColumn::name).toList()));
            if (qis.contains(c.name())) {
                throw q.error("'" + c.name() + "' is listed twice");
            }
            if (c.transform() instanceof Suppress) {
                throw q.error("'" + c.name() + "' is suppressed (always null); it identifies no one");
            }
            qis.add(c.name());
        }
        // a column the catalog tags as a quasi-identifier that leaves readable must be checked
        for (OutputColumn c : columns) {
            boolean readable = switch (c.transform().kind()) {
                case "suppress", "pseudonym", "fpe" -> false;
                default -> true;
            };
            if (readable && c.source().has(Tag.QUASI_IDENTIFIER) && !qis.contains(c.name())) {
                throw qiNode.error("output column '" + c.name() + "' comes from " + source.name() + "." + c.source().name()
                        + ", which the catalog tags quasi-identifier: list it under quasi-identifiers so the k-anonymity check covers it");
            }
        }
        YamlNode kNode = n.require("k");
        int k = kNode.asInt();
        if (k < 2) {
            throw kNode.error("k must be at least 2 (k = 1 protects no one)");
        }
        double maxSuppression = n.optional("max-suppression").map(SharePolicyLoader::share).orElse(0.0);
        if (maxSuppression >= 1) {
            throw n.require("max-suppression").error("max-suppression must be below 100%");
        }
        double threshold = n.optional("risk-threshold").map(SharePolicyLoader::share).orElse(1.0 / k);
        if (threshold <= 0) {
            throw n.require("risk-threshold").error("risk-threshold must be above 0");
        }
        Double maxAvg = n.optional("max-average-risk").map(SharePolicyLoader::share).orElse(null);
        if (maxAvg != null && maxAvg <= 0) {
            throw n.require("max-average-risk").error("max-average-risk must be above 0");
        }
        String attribute = null;
        int l = 0;
        if (n.optional("l-diversity").isPresent()) {
            YamlNode ld = n.require("l-diversity");
            ld.requireOnlyKeys(Set.of("attribute", "l"));
            YamlNode a = ld.require("attribute");
            attribute = a.asString();
            String attr = attribute;
            if (columns.stream().noneMatch(c -> c.name().equals(attr))) {
                throw a.error("'" + attr + "' is not an output column of this share");
            }
            if (qis.contains(attr)) {
                throw a.error("the sensitive attribute '" + attr + "' cannot also be a quasi-identifier");
            }
            YamlNode lNode = ld.require("l");
            l = lNode.asInt();
            if (l < 2 || l > 64) {
                throw lNode.error("l must be from 2 to 64");
            }
        }
        return new Privacy(new PrivacyModel(k, maxSuppression, threshold, maxAvg, l), List.copyOf(qis), attribute);
    }

    /** {@code 5%} or {@code 0.05}; must be within [0, 1]. */
    private static double share(YamlNode n) {
        String v = n.asString().strip();
        double d;
        try {
            d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw n.error("expected a share such as 5% or 0.05, found '" + v + "'");
        }
        if (!(d >= 0 && d <= 1)) {
            throw n.error("expected a share from 0 to 100%, found '" + v + "'");
        }
        return d;
    }

    private static String nonBlank(YamlNode n, String what) {
        String v = n.asString();
        if (v.isBlank()) {
            throw n.error("empty: expected " + what);
        }
        return v.strip();
    }

    private static String sha256(Path file) {
        try {
            return Hashes.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
