package io.custodia.pii;

/**
 * Check characters of the identifiers Custodia meets: PRC resident ID numbers (GB 11643-1999,
 * ISO 7064 MOD 11-2) and payment card numbers (Luhn).
 */
public final class Identifiers {
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = "10X98765432".toCharArray();

    private Identifiers() {
    }

    /** The 18th character of a resident ID from its first 17 digits. */
    public static char residentIdCheckChar(CharSequence first17) {
        if (first17.length() < 17) {
            throw new IllegalArgumentException("a resident ID body has 17 digits, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("a resident ID body has only digits");
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    /** 17 digits followed by the right check character (digit or X/x). */
    public static boolean isValidResidentId(CharSequence s) {
        if (s == null || s.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Character.toUpperCase(s.charAt(17)) == residentIdCheckChar(s);
    }

    /** The Luhn check digit to append to {@code payload}. */
    public static char luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        boolean dbl = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("a card number has only digits");
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    public static boolean isLuhnValid(CharSequence number) {
        if (number == null || number.length() < 2) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return luhnCheckDigit(number.subSequence(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }
}
