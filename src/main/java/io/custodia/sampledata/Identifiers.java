package io.custodia.sampledata;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/** Structurally valid identifiers: resident ID numbers, card numbers, phone and passport numbers. */
final class Identifiers {
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private Identifiers() {
    }

    /**
     * An 18-character resident ID number (GB 11643-1999): region code, birth date, a 3-digit
     * sequence whose last digit is odd for men and even for women, and the ISO 7064 MOD 11-2 check
     * character.
     */
    static String residentId(String regionCode, LocalDate birth, boolean male, SplittableRandom rnd) {
        int parity = rnd.nextInt(5) * 2 + (male ? 1 : 0);
        String first17 = regionCode + birth.format(YYYYMMDD) + Padded.of("", rnd.nextInt(100), 2) + parity;
        return first17 + residentIdCheck(first17);
    }

    static char residentIdCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    /** A 16-digit card number with the given BIN and a Luhn check digit. */
    static String cardNumber(String bin, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(16).append(bin);
        while (sb.length() < 15) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.append(luhnCheckDigit(sb)).toString();
    }

    static char luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        boolean dbl = true; // the digit left of the check digit is doubled
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
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

    /** A mainland mobile number: a real carrier prefix and 8 digits (11 digits, 1[3-9]…). */
    static String cnMobile(SplittableRandom rnd) {
        return Reference.any(rnd, Reference.MOBILE_PREFIXES) + digits(rnd, 8);
    }

    /** A phone number in the country's usual international notation (fictional ranges where they exist). */
    static String foreignPhone(String country, SplittableRandom rnd) {
        return switch (country) {
            case "US", "CA" -> "+1 " + (country.equals("US") ? Reference.any(rnd, java.util.List.of("415", "212", "206"))
                    : Reference.any(rnd, java.util.List.of("416", "604"))) + "-555-01" + digits(rnd, 2);
            case "GB" -> "+44 7700 900" + digits(rnd, 3);
            case "AU" -> "+61 491 570 " + digits(rnd, 3);
            case "DE" -> "+49 15" + (1 + rnd.nextInt(9)) + " " + digits(rnd, 4) + " " + digits(rnd, 4);
            case "FR" -> "+33 6 " + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 2);
            case "JP" -> "+81 90-" + digits(rnd, 4) + "-" + digits(rnd, 4);
            case "KR" -> "+82 10-" + digits(rnd, 4) + "-" + digits(rnd, 4);
            case "SG" -> "+65 " + (8 + rnd.nextInt(2)) + digits(rnd, 3) + " " + digits(rnd, 4);
            case "MY" -> "+60 1" + (2 + rnd.nextInt(8)) + "-" + digits(rnd, 3) + " " + digits(rnd, 4);
            default -> throw new IllegalArgumentException("no phone format for " + country);
        };
    }

    /** A passport number in the issuing country's format. */
    static String passport(String country, SplittableRandom rnd) {
        return switch (country) {
            case "US", "GB" -> digits(rnd, 9);
            case "DE" -> "C" + alnum(rnd, "CFGHJKLMNPRTVWXYZ0123456789", 8);
            case "JP" -> alnum(rnd, "ABCDEFGHJKLMNPRSTZ", 2) + digits(rnd, 7);
            case "KR" -> "M" + digits(rnd, 8);
            case "SG" -> "K" + digits(rnd, 7) + alnum(rnd, "ABCDEFGHJKLMNPQRTUWXZ", 1);
            case "AU" -> alnum(rnd, "NPRE", 1) + digits(rnd, 7);
            case "FR" -> digits(rnd, 2) + alnum(rnd, "ABCDEFGHJKLMNPRSTUVWXYZ", 2) + digits(rnd, 5);
            case "CA" -> alnum(rnd, "ABCGHKLMPRSTWXY", 2) + digits(rnd, 6);
            case "MY" -> "A" + digits(rnd, 8);
            default -> throw new IllegalArgumentException("no passport format for " + country);
        };
    }

    static String digits(SplittableRandom rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + rnd.nextInt(10));
        }
        return new String(c);
    }

    private static String alnum(SplittableRandom rnd, String alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        return new String(c);
    }
}
