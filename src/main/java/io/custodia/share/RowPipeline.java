package io.custodia.share;

import io.custodia.parquet.DataFileException;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.share.SharePolicy.Condition;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.privacy.Fingerprint128;
import io.custodia.share.privacy.FingerprintSet;
import io.custodia.share.transforms.InvalidValueException;
import io.custodia.share.transforms.KeyContext;
import io.custodia.share.transforms.Transform;
import java.util.List;
import java.util.Set;

/**
 * What both passes do to a source row, so that they agree exactly: the row filter (conditions and
 * consent), the transforms of the given output columns, and the fingerprint of the transformed
 * quasi-identifier tuple. One instance per partition (transforms count rejects and hold per-thread
 * state).
 */
final class RowPipeline {
    private final RowSchema read;
    private final int[] conditionIdx;
    private final Set<?>[] conditionValues;
    private final int subjectIdx;
    private final FingerprintSet consent;
    private final List<OutputColumn> columns;
    private final int[] sourceIdx;
    private final Transform[] transforms;
    private final int[] qiIdx;
    private final int sensitiveIdx;
    private final Fingerprint128 fp = new Fingerprint128();
    private final Fingerprint128 subjectFp = new Fingerprint128();

    /**
     * @param read     the projected source schema being read
     * @param columns  the output columns to compute, in order
     * @param consent  consenting subjects, or null when the policy has no consent filter
     */
    RowPipeline(SharePolicy policy, RowSchema read, List<OutputColumn> columns, KeyContext keys, FingerprintSet consent) {
        this.read = read;
        List<Condition> where = policy.source().where();
        conditionIdx = new int[where.size()];
        conditionValues = new Set<?>[where.size()];
        for (int i = 0; i < where.size(); i++) {
            conditionIdx[i] = read.indexOf(where.get(i).column());
            conditionValues[i] = where.get(i).values();
        }
        String subject = policy.source().subjectKey();
        subjectIdx = subject != null && read.has(subject) ? read.indexOf(subject) : -1;
        this.consent = consent;
        if (consent != null && subjectIdx < 0) {
            throw new IllegalStateException("the consent filter needs the subject key column in the read schema");
        }
        this.columns = List.copyOf(columns);
        sourceIdx = new int[columns.size()];
        transforms = new Transform[columns.size()];
        List<String> names = columns.stream().map(OutputColumn::name).toList();
        for (int i = 0; i < columns.size(); i++) {
            sourceIdx[i] = read.indexOf(columns.get(i).source().name());
            transforms[i] = columns.get(i).transform().bind(keys);
        }
        List<String> qis = policy.privacy().quasiIdentifiers();
        qiIdx = qis.stream().mapToInt(names::indexOf).toArray();
        for (int i = 0; i < qiIdx.length; i++) {
            if (qiIdx[i] < 0) {
                throw new IllegalStateException("quasi-identifier " + qis.get(i) + " is not computed by this pipeline");
            }
        }
        String attr = policy.privacy().sensitiveAttribute();
        sensitiveIdx = attr == null ? -1 : names.indexOf(attr);
    }

    RowSchema readSchema() {
        return read;
    }

    /** Whether the row passes the policy's row filter. */
    boolean accept(Row src) {
        for (int i = 0; i < conditionIdx.length; i++) {
            if (!conditionValues[i].contains(src.get(conditionIdx[i]))) {
                return false;
            }
        }
        if (consent != null) {
            Object s = src.get(subjectIdx);
            return s != null && ConsentIndex.contains(consent, subjectFp, s.toString());
        }
        return true;
    }

    String subject(Row src) {
        if (subjectIdx < 0) {
            return null;
        }
        Object s = src.get(subjectIdx);
        return s == null ? null : s.toString();
    }

    /**
     * One row through the pipeline as both passes see it: false when the row filter drops it;
     * otherwise {@code out} holds the output values and the fingerprint is set. A value a transform
     * refuses fails with the file and row position.
     */
    boolean process(Row src, Object[] out, String file, RowReader from) {
        if (!accept(src)) {
            return false;
        }
        try {
            transform(src, out);
        } catch (InvalidValueException e) {
            throw new DataFileException(file + ": row " + from.position() + ": " + e.getMessage());
        }
        fingerprint(out);
        return true;
    }

    /** Computes every output value into {@code out}; a transform told to fail throws. */
    void transform(Row src, Object[] out) {
        String subject = subject(src);
        for (int i = 0; i < transforms.length; i++) {
            out[i] = transforms[i].apply(src.get(sourceIdx[i]), subject);
        }
    }

    /** Fingerprints the quasi-identifier values of transformed {@code out}; read with {@link #high()} / {@link #low()}. */
    void fingerprint(Object[] out) {
        fp.reset();
        for (int i : qiIdx) {
            fp.add(out[i]);
        }
    }

    long high() {
        return fp.high();
    }

    long low() {
        return fp.low();
    }

    /** The 64-bit fingerprint of the sensitive attribute's value (null counts as a value), or 0 without l-diversity. */
    long sensitiveValue(Object[] out) {
        return sensitiveIdx < 0 ? 0 : Fingerprint128.of64(out[sensitiveIdx]);
    }

    /** Rejected values per output column so far. */
    long[] rejected() {
        long[] r = new long[transforms.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = transforms[i].rejected();
        }
        return r;
    }

    List<OutputColumn> columns() {
        return columns;
    }
}
