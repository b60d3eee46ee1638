package io.custodia.share.transforms;

/** What an {@code fpe} column holds, which decides the cipher and what is kept in clear. */
public enum FpeFormat {
    /** PRC resident ID (18 characters, check character recomputed); option keep-region-code. */
    RESIDENT_ID,
    /** Mainland mobile number (11 digits, 1[3-9]…); option keep-carrier-prefix. */
    MOBILE,
    /** Payment card (16–19 digits, Luhn digit recomputed); option keep-bin. */
    BANK_CARD,
    /** Any string of at least 6 ASCII digits. */
    DIGITS,
    /** Any string of at least 4 characters from 0-9A-Za-z. */
    ALPHANUMERIC;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
