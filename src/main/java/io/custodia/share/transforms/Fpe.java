package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.Alphabet;
import io.custodia.crypto.pseudo.BankCardFpe;
import io.custodia.crypto.pseudo.ChineseResidentIdFpe;
import io.custodia.crypto.pseudo.DerivedKey;
import io.custodia.crypto.pseudo.Ff1Cipher;
import io.custodia.crypto.pseudo.FormatPreservingCipher;
import io.custodia.crypto.pseudo.KeyPurpose;
import io.custodia.crypto.pseudo.MobileNumberFpe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code fpe}: FF1 format-preserving encryption (NIST SP 800-38G, AES-256) under a key derived for
 * this recipient, sharing purpose, key column and key version; reversible by the key holder with
 * {@code custodia reidentify}. Digits stay digits of the same length; a resident ID keeps a valid
 * check character, a card a valid Luhn digit; the region code, carrier prefix or BIN stay in clear
 * when the policy asks. The tweak is empty, so equal values encrypt equally across this
 * recipient's exports (joinable), and differently for every other recipient (another key).
 *
 * <p>Values not in the format (a foreign phone number in a mobile column) cannot be encrypted:
 * with {@code on-invalid: suppress} (the default) they leave as null and are counted; with {@code
 * fail} the export stops, naming file and row but never the value.
 *
 * @param keepClear keep-region-code, keep-carrier-prefix or keep-bin, as the format has it
 */
public record Fpe(FpeFormat format, boolean keepClear, boolean failOnInvalid, String keyColumn, int keyVersion) implements TransformSpec {
    private static final byte[] NO_TWEAK = new byte[0];

    @Override
    public String kind() {
        return "fpe";
    }

    @Override
    public ColumnType outputType() {
        return ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", "FF1-AES-256 (NIST SP 800-38G), empty tweak");
        m.put("format", format.label());
        String keep = keepOption(format);
        if (keep != null) {
            m.put(keep, keepClear);
        }
        m.put("onInvalid", failOnInvalid ? "fail" : "suppress");
        m.put("keyColumn", keyColumn);
        m.put("keyVersion", keyVersion);
        return m;
    }

    /** The policy option that keeps a prefix in clear for {@code format}, or null. */
    public static String keepOption(FpeFormat format) {
        return switch (format) {
            case RESIDENT_ID -> "keep-region-code";
            case MOBILE -> "keep-carrier-prefix";
            case BANK_CARD -> "keep-bin";
            case DIGITS, ALPHANUMERIC -> null;
        };
    }

    @Override
    public KeyPurpose keyPurpose() {
        return KeyPurpose.FPE;
    }

    /** The cipher under this recipient's key: encrypt for exports, decrypt for re-identification. */
    public FormatPreservingCipher cipher(KeyContext keys) {
        DerivedKey key = keys.derive(KeyPurpose.FPE, keyColumn, keyVersion);
        return switch (format) {
            case RESIDENT_ID -> ChineseResidentIdFpe.create(key, new ChineseResidentIdFpe.Parameters(keepClear));
            case MOBILE -> MobileNumberFpe.create(key, new MobileNumberFpe.Parameters(keepClear));
            case BANK_CARD -> BankCardFpe.create(key, new BankCardFpe.Parameters(keepClear));
            case DIGITS -> Ff1Cipher.create(key, Alphabet.DIGITS);
            case ALPHANUMERIC -> Ff1Cipher.create(key, Alphabet.ALPHANUMERIC);
        };
    }

    public static byte[] tweak() {
        return NO_TWEAK.clone();
    }

    @Override
    public Transform bind(KeyContext keys) {
        FormatPreservingCipher cipher = cipher(keys);
        return new Transform() {
            private long rejected;

            @Override
            public Object apply(Object value, String subject) {
                if (value == null) {
                    return null;
                }
                String s = value.toString();
                if (!failOnInvalid && cipher.formatProblem(s) != null) {
                    // tested first: an exception per invalid value cost ~4x an encryption
                    rejected++;
                    return null;
                }
                try {
                    return cipher.encrypt(s, NO_TWEAK);
                } catch (IllegalArgumentException e) {
                    if (failOnInvalid) {
                        // the cipher's message names length and position, never the value
                        throw new InvalidValueException("a value is not a valid " + format.label() + " (" + e.getMessage() + ")");
                    }
                    rejected++;
                    return null;
                }
            }

            @Override
            public long rejected() {
                return rejected;
            }
        };
    }
}
