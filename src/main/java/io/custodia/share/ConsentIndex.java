package io.custodia.share;

import io.custodia.batch.Progress;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.share.SharePolicy.ConsentRequirement;
import io.custodia.share.privacy.Fingerprint128;
import io.custodia.share.privacy.FingerprintSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subjects with an active consent for a purpose on the run date: granted before the end of the
 * run date (UTC) and not withdrawn by then. Held as 128-bit fingerprints of the subject key
 * (about 23 bytes per consenting subject), so the filter is an exact semi-join in bounded memory:
 * a customer without consent passes only if two 128-bit fingerprints collide.
 */
public final class ConsentIndex {
    private static final Logger log = LoggerFactory.getLogger(ConsentIndex.class);

    private ConsentIndex() {
    }

    public static FingerprintSet build(ConsentRequirement requirement, LocalDate runDate, Configuration conf) {
        Dataset ds = requirement.dataset();
        Instant asOf = runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        RowSchema schema = RowSchema.ofColumns(ds.columns()).project(List.of(ds.subjectKey(), ConsentRequirement.PURPOSE,
                ConsentRequirement.GRANTED_AT, ConsentRequirement.WITHDRAWN_AT));
        FingerprintSet set = new FingerprintSet();
        Fingerprint128 fp = new Fingerprint128();
        Progress progress = new Progress(log, "consents (" + requirement.purpose() + ")", "rows", -1);
        for (FileStatus f : DatasetFiles.list(ds)) {
            try (RowReader r = RowFiles.open(f.getPath(), ds.format(), schema, conf)) {
                Row row;
                long n = 0;
                while ((row = r.next()) != null) {
                    Object subject = row.get(0);
                    Instant granted = (Instant) row.get(2);
                    Instant withdrawn = (Instant) row.get(3);
                    if (subject != null && requirement.purpose().equals(row.get(1)) && granted != null && granted.isBefore(asOf)
                            && (withdrawn == null || !withdrawn.isBefore(asOf))) {
                        set.add(fp.reset().add(subject.toString()).high(), fp.low());
                    }
                    if (++n % 100_000 == 0) {
                        progress.add(100_000);
                    }
                }
            }
        }
        log.info("consent filter '{}': {} subjects with an active consent on {}", requirement.purpose(), set.size(), runDate);
        return set;
    }

    /** The fingerprint the set holds for a subject key. */
    public static boolean contains(FingerprintSet set, Fingerprint128 fp, String subject) {
        fp.reset().add(subject);
        return set.contains(fp.high(), fp.low());
    }
}
