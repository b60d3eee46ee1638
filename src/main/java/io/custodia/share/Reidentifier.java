package io.custodia.share;

import io.custodia.batch.JobFile;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.pseudo.FormatPreservingCipher;
import io.custodia.crypto.pseudo.HmacPseudonymizer;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.crypto.pseudo.KeyPurpose;
import io.custodia.crypto.pseudo.SubjectHasher;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.transforms.Fpe;
import io.custodia.share.transforms.KeyContext;
import io.custodia.share.transforms.Pseudonym;
import io.custodia.storage.Storage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;

/**
 * Re-identification by the key holder (seed 001 6.2: de-identified data must stay re-identifiable
 * only under control): turns values of one column of a share's export back into the source
 * values. An {@code fpe} column is decrypted with the recipient's FF1 key; a {@code pseudonym}
 * column (irreversible) is looked up by recomputing the tokens of the source column. Other
 * transforms lose information and cannot be reversed.
 *
 * <p>Every request is recorded in the evidence ledger as a {@code reidentification} entry — who,
 * why, which share and column, how many values, and keyed hashes ({@link SubjectHasher}) of the
 * values asked about and of those recovered, never a value — before any original is returned: if
 * the entry cannot be written, nothing is revealed.
 */
public final class Reidentifier {
    private Reidentifier() {
    }

    /** One answer: {@code original} when found, else {@code problem} says why not (without the value). */
    public record Result(String value, String original, String problem) {
    }

    public static List<Result> reidentify(JobFile jobFile, String column, List<String> values, Integer keyVersion, KeyDirectory keys,
            EvidenceLedger ledger, String operator, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required: it is recorded in the evidence ledger");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values given");
        }
        SharePolicy policy = SharePolicyLoader.load(jobFile);
        OutputColumn out = policy.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the share '" + policy.name() + "' exports no column '" + column
                        + "'; its columns are " + policy.columns().stream().map(OutputColumn::name).toList()));
        KeyContext context = new KeyContext(new KeyDerivation(keys.masterKey()), policy.recipient().id(), policy.purpose(), LocalDate.now());
        int version;
        List<Result> results;
        switch (out.transform()) {
            case Fpe f -> {
                Fpe spec = keyVersion == null ? f : new Fpe(f.format(), f.keepClear(), f.failOnInvalid(), f.keyColumn(), keyVersion);
                version = spec.keyVersion();
                FormatPreservingCipher cipher = spec.cipher(context);
                results = new ArrayList<>();
                for (String v : values) {
                    try {
                        results.add(new Result(v, cipher.decrypt(v, Fpe.tweak()), null));
                    } catch (IllegalArgumentException e) {
                        results.add(new Result(v, null, "not a value of this column's format (" + e.getMessage() + ")"));
                    }
                }
            }
            case Pseudonym p -> {
                version = keyVersion == null ? p.keyVersion() : keyVersion;
                HmacPseudonymizer tokens = HmacPseudonymizer.create(context.derive(KeyPurpose.PSEUDONYM, p.keyColumn(), version));
                results = lookUp(policy, out, tokens, values);
            }
            default -> throw new IllegalArgumentException("column '" + column + "' is exported with '" + out.transform().kind()
                    + "', which cannot be reversed; only fpe columns (decrypted) and pseudonym columns (looked up) can be re-identified");
        }

        SubjectHasher hasher = keys.subjectHasher();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("share", policy.name());
        body.put("jobFile", jobFile.name());
        body.put("policySha256", policy.jobFileSha256());
        body.put("recipient", policy.recipient().name());
        body.put("recipientId", policy.recipient().id());
        body.put("purpose", policy.purpose());
        body.put("column", column);
        body.put("sourceColumn", policy.source().dataset().name() + "." + out.source().name());
        body.put("transform", out.transform().kind());
        body.put("keyVersion", version);
        body.put("operator", operator);
        body.put("reason", reason);
        body.put("requested", results.size());
        body.put("reidentified", results.stream().filter(r -> r.original() != null).count());
        body.put("valueHashes", results.stream().map(r -> hasher.hash(r.value())).toList());
        body.put("originalHashes", results.stream().filter(r -> r.original() != null).map(r -> hasher.hash(r.original())).toList());
        body.put("hashKey", "subject-hash v1 (keyed HMAC-SHA-256)");
        ledger.append(EntryTypes.REIDENTIFICATION, body, keys.signer());
        return results;
    }

    /** Recomputes the tokens of the source column until every asked token is found or the data ends. */
    private static List<Result> lookUp(SharePolicy policy, OutputColumn out, HmacPseudonymizer tokens, List<String> values) {
        Set<String> wanted = new LinkedHashSet<>(values);
        Map<String, String> found = new HashMap<>();
        var ds = policy.source().dataset();
        RowSchema schema = RowSchema.ofColumns(ds.columns()).project(List.of(out.source().name()));
        var conf = Storage.configuration();
        outer:
        for (FileStatus f : DatasetFiles.list(ds)) {
            try (RowReader r = RowFiles.open(f.getPath(), ds.format(), schema, conf)) {
                Row row;
                while ((row = r.next()) != null) {
                    Object v = row.get(0);
                    if (v != null) {
                        String t = tokens.token(v.toString());
                        if (wanted.contains(t)) {
                            found.put(t, v.toString());
                            if (found.size() == wanted.size()) {
                                break outer;
                            }
                        }
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (String v : values) {
            String o = found.get(v);
            results.add(new Result(v, o, o == null ? "no source value of " + out.source().name() + " has this token (under this key version)" : null));
        }
        return results;
    }
}
