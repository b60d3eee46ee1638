package io.custodia.pii;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds values that look like personal data inside text: resident ID numbers and bank cards only
 * when their check character is right (so order numbers do not count), mainland mobile numbers,
 * e-mail addresses. Works on free text, e.g. an enquiry comment that quotes a phone number.
 */
public final class PiiDetector {
    // Bounded by anything but ASCII letters and digits: a digit run inside a hex hash or a token is not a phone number.
    private static final Pattern RESIDENT_ID = Pattern.compile("(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9A-Za-z])[0-9]{16,19}(?![0-9A-Za-z])");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private PiiDetector() {
    }

    public static Set<PiiKind> detect(String text) {
        Set<PiiKind> found = EnumSet.noneOf(PiiKind.class);
        if (text == null || text.length() < 5) {
            return found;
        }
        // Every digit pattern needs a run of at least 11 ASCII digits (a mobile number; an ID needs 17, a
        // card 16): most values have none, and the regular expressions are most of an inventory's time.
        boolean hasAt = false;
        int run = 0;
        int longestRun = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hasAt |= c == '@';
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        if (hasAt && EMAIL.matcher(text).find()) {
            found.add(PiiKind.EMAIL);
        }
        if (longestRun < 11) {
            return found;
        }
        Matcher m = RESIDENT_ID.matcher(text);
        while (longestRun >= 17 && m.find()) {
            if (Identifiers.isValidResidentId(m.group())) {
                found.add(PiiKind.RESIDENT_ID);
                break;
            }
        }
        if (MOBILE.matcher(text).find()) {
            found.add(PiiKind.MOBILE);
        }
        m = CARD.matcher(text);
        while (longestRun >= 16 && m.find()) {
            if (Identifiers.isLuhnValid(m.group()) && !Identifiers.isValidResidentId(m.group())) {
                found.add(PiiKind.BANK_CARD);
                break;
            }
        }
        return found;
    }
}
