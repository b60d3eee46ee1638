package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.MaskPattern;
import io.custodia.crypto.pseudo.Masks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mask}: fixed-pattern display masking ({@link Masks}, {@link MaskPattern}): mobile
 * {@code 138****5678}, resident ID, bank card first 6 + last 4, e-mail local part, or a custom
 * {@code keep-first:N,keep-last:N,char:C}. Keyless and irreversible, but the visible characters
 * are real: a mask is weaker than a pseudonym, and a masked quasi-identifier still counts in the
 * k-anonymity check.
 */
public record Mask(MaskStyle style, MaskPattern pattern) implements TransformSpec, Transform {
    @Override
    public String kind() {
        return "mask";
    }

    @Override
    public ColumnType outputType() {
        return ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pattern", style == MaskStyle.CUSTOM ? pattern.spec() : style.label());
        return m;
    }

    @Override
    public Transform bind(KeyContext keys) {
        return this;
    }

    @Override
    public Object apply(Object value, String subject) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return switch (style) {
            case MOBILE -> Masks.mobile(s);
            case RESIDENT_ID -> Masks.residentId(s);
            case BANK_CARD -> Masks.bankCard(s);
            case EMAIL -> Masks.email(s);
            case CUSTOM -> pattern.apply(s);
        };
    }
}
