package io.custodia.share.transforms;

/** The built-in display masks of {@code mask}; {@link #CUSTOM} takes a {@code MaskPattern} spec. */
public enum MaskStyle {
    /** 138****5678 */
    MOBILE,
    /** 110105********002X */
    RESIDENT_ID,
    /** 622202*********5678 (first 6, last 4) */
    BANK_CARD,
    /** z***@example.com */
    EMAIL,
    /** keep-first:N,keep-last:N,char:C */
    CUSTOM;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
