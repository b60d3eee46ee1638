package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.DerivedKey;
import io.custodia.crypto.pseudo.KeyPurpose;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code date-shift}: moves every date of a subject by the same number of days, between 1 and
 * {@code maxDays} either way (never 0, so no date stays as it was). Intervals between one
 * customer's dates survive (time from registration to first order), the calendar dates do not.
 *
 * <p>The shift is {@code HMAC-SHA-256(k, UTF-8(subject key))}, first 8 bytes as an unsigned number
 * modulo {@code 2 × maxDays}, mapped onto {@code -maxDays..-1, 1..maxDays}, under a
 * {@link KeyPurpose#DATE_SHIFT} key derived for the recipient, sharing purpose, the fixed key
 * column {@value #KEY_COLUMN} and the key version. Because the key column is fixed, one subject
 * gets the same shift in every date column and every run of that recipient and purpose, and a
 * different one for every other recipient. The modulo bias is below 2<sup>-40</sup>.
 */
public record DateShift(ColumnType type, int maxDays, int keyVersion) implements TransformSpec {
    /** The key column label of every date-shift key: the shift belongs to the subject, not to a column. */
    public static final String KEY_COLUMN = "(subject)";

    public DateShift {
        if (type != ColumnType.DATE && type != ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException("date-shift needs a date or timestamp column");
        }
        if (maxDays < 1 || maxDays > 36_500) {
            throw new IllegalArgumentException("max-days must be from 1 to 36500");
        }
    }

    @Override
    public String kind() {
        return "date-shift";
    }

    @Override
    public ColumnType outputType() {
        return type; // dates stay dates, timestamps stay timestamps
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", "HMAC-SHA-256 of the subject key -> days in [-max-days, -1] and [1, max-days]");
        m.put("maxDays", maxDays);
        m.put("keyColumn", KEY_COLUMN);
        m.put("keyVersion", keyVersion);
        return m;
    }

    @Override
    public KeyPurpose keyPurpose() {
        return KeyPurpose.DATE_SHIFT;
    }

    @Override
    public boolean needsSubject() {
        return true;
    }

    /** The shifter of this recipient and purpose. */
    public Shifter shifter(KeyContext keys) {
        return new Shifter(keys.derive(KeyPurpose.DATE_SHIFT, KEY_COLUMN, keyVersion), maxDays);
    }

    @Override
    public Transform bind(KeyContext keys) {
        Shifter shifter = shifter(keys);
        return new Transform() {
            private long rejected;

            @Override
            public Object apply(Object value, String subject) {
                if (value == null) {
                    return null;
                }
                if (subject == null) {
                    rejected++;
                    return null;
                }
                long days = shifter.days(subject);
                return switch (value) {
                    case LocalDate d -> d.plusDays(days);
                    case Instant t -> t.plus(days, ChronoUnit.DAYS);
                    default -> throw new IllegalArgumentException("not a date: " + value.getClass().getSimpleName());
                };
            }

            @Override
            public long rejected() {
                return rejected;
            }
        };
    }

    /** Computes per-subject shifts; one instance per thread (it holds a {@link Mac}). */
    public static final class Shifter {
        private final Mac mac;
        private final int maxDays;

        Shifter(DerivedKey key, int maxDays) {
            byte[] raw = key.rawKeyMaterial();
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            this.maxDays = maxDays;
        }

        /** The shift in days for {@code subject}: in [-maxDays, -1] or [1, maxDays]. */
        public long days(String subject) {
            byte[] tag = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (tag[i] & 0xff);
            }
            long r = Long.remainderUnsigned(v, 2L * maxDays);
            return r < maxDays ? r - maxDays : r - maxDays + 1;
        }
    }
}
