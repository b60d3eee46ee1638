package io.custodia.share;

import io.custodia.catalog.Column;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.catalog.Tag;
import io.custodia.parquet.RowSchema;
import io.custodia.share.privacy.PrivacyModel;
import io.custodia.share.transforms.Suppress;
import io.custodia.share.transforms.TransformSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated sharing policy: the {@code share:} section of a job file, checked against the
 * catalog (see {@link SharePolicyLoader} for the file format). Everything a run needs to decide
 * what leaves, for whom, why, under which approval and legal basis.
 *
 * @param name            the share's name: the directory under the output location
 * @param jobFileSha256   SHA-256 of the job file's bytes (the "policy hash" of manifests and ledgers)
 * @param catalogSha256   SHA-256 of the catalog file the policy was checked against
 * @param legalEntity     the exporting legal entity
 * @param crossBorder     the legal basis of a transfer abroad; null for a recipient in mainland China
 * @param output          the export root; the export lands in {@code <output>/<name>/<run>/}
 * @param dateShiftMaxDays the date-shift range, null when no column is date-shifted
 */
public record SharePolicy(Path jobFile, String jobFileSha256, String catalogSha256, String name, Recipient recipient, String purpose,
        String approval, String legalEntity, CrossBorderBasis crossBorder, Source source, URI output, int keyVersion,
        Integer dateShiftMaxDays, List<OutputColumn> columns, Privacy privacy) {

    /** Mainland China: the only recipient country that is not a cross-border transfer (HK, MO and TW are, under PIPL). */
    public static final String DOMESTIC = "CN";

    /** The party that receives the export. {@code id} scopes every derived key. */
    public record Recipient(String name, String id, String country) {
    }

    /**
     * The legal basis of a transfer abroad (PIPL Art. 38): security-assessment, standard-contract,
     * certification or exemption, its reference (filing or certificate number), and the impact
     * assessment (Art. 55) and separate-consent text (Art. 39) it relies on.
     */
    public record CrossBorderBasis(String legalBasis, String basisReference, String piaReference, String consentReference) {
    }

    /** Only rows whose column equals one of the values pass. */
    public record Condition(String column, Set<Object> values) {
    }

    /**
     * Only subjects with a consent for {@code purpose} in the {@code consents} dataset that was
     * granted on or before the run date and not withdrawn by then: a semi-join on the subject key.
     */
    public record ConsentRequirement(Dataset dataset, String purpose) {
        public static final String PURPOSE = "purpose";
        public static final String GRANTED_AT = "granted_at";
        public static final String WITHDRAWN_AT = "withdrawn_at";
    }

    public record Source(Dataset dataset, List<Condition> where, ConsentRequirement consent) {
        public String subjectKey() {
            return dataset.subjectKey();
        }
    }

    /**
     * One allow-listed output column.
     *
     * @param override the reason given for keeping a core, sensitive or directly identifying column, or null
     * @param category how the cross-border ledger names this data (default: the source column name)
     */
    public record OutputColumn(String name, Column source, TransformSpec transform, String override, String category) {
        /** Whether values of a column declared sensitive (PIPL Art. 28) leave, in any form but null. */
        public boolean carriesSensitive() {
            return source.has(Tag.SENSITIVE) && !(transform instanceof Suppress);
        }

        public static boolean needsOverride(Column c) {
            return c.level() == Level.CORE || c.has(Tag.SENSITIVE) || c.has(Tag.DIRECT_IDENTIFIER);
        }
    }

    /**
     * @param quasiIdentifiers   output columns the k-anonymity check groups by
     * @param sensitiveAttribute output column for l-diversity, or null
     */
    public record Privacy(PrivacyModel model, List<String> quasiIdentifiers, String sensitiveAttribute) {
    }

    public boolean crossBorderTransfer() {
        return !DOMESTIC.equals(recipient.country());
    }

    /** The export's schema: allow-listed columns only, in policy order, all nullable. */
    public RowSchema outputSchema() {
        return RowSchema.of(columns.stream().map(c -> new RowSchema.Field(c.name(), c.transform().outputType(), false)).toList());
    }

    public OutputColumn column(String outputName) {
        return columns.stream().filter(c -> c.name().equals(outputName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the share '" + name + "' exports no column '" + outputName + "'"));
    }

    /** Distinct data categories of the columns that leave with values. */
    public List<String> dataCategories() {
        Set<String> out = new LinkedHashSet<>();
        for (OutputColumn c : columns) {
            if (!(c.transform() instanceof Suppress)) {
                out.add(c.category());
            }
        }
        return List.copyOf(out);
    }

    public boolean carriesSensitive() {
        return columns.stream().anyMatch(OutputColumn::carriesSensitive);
    }

    /** The allow-list entries that keep a core, sensitive or directly identifying column, with the reasons given. */
    public List<OutputColumn> overrides() {
        return columns.stream().filter(c -> c.override() != null).toList();
    }

    /**
     * Source columns the first pass reads: the row filter's, the subject key when needed, and those
     * the quasi-identifiers and the sensitive attribute come from. Parquet reads only these.
     */
    public List<String> firstPassColumns() {
        Set<String> cols = new LinkedHashSet<>();
        source.where().forEach(c -> cols.add(c.column()));
        List<OutputColumn> privacyColumns = new ArrayList<>();
        privacy.quasiIdentifiers().forEach(q -> privacyColumns.add(column(q)));
        if (privacy.sensitiveAttribute() != null) {
            privacyColumns.add(column(privacy.sensitiveAttribute()));
        }
        boolean subject = source.consent() != null || privacyColumns.stream().anyMatch(c -> c.transform().needsSubject());
        if (subject && source.subjectKey() != null) {
            cols.add(source.subjectKey());
        }
        privacyColumns.forEach(c -> cols.add(c.source().name()));
        return List.copyOf(cols);
    }

    /** Source columns the second pass reads: filter, subject key (if any) and every allow-listed source. */
    public List<String> secondPassColumns() {
        Set<String> cols = new LinkedHashSet<>();
        source.where().forEach(c -> cols.add(c.column()));
        if (source.subjectKey() != null) {
            cols.add(source.subjectKey());
        }
        columns.forEach(c -> cols.add(c.source().name()));
        return List.copyOf(cols);
    }
}
