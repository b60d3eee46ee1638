package io.custodia.crossborder;

import java.nio.charset.StandardCharsets;

/**
 * A fast path for the common egress line: one flat JSON object of ASCII strings without escapes,
 * whole numbers, true, false and null. It accepts a line only when it has checked every byte
 * against the JSON grammar for that subset; anything else — a non-ASCII byte, an escape, a
 * fraction, a nested value, a field it does not know, a value of the wrong type, any syntax error —
 * makes it give up, and the line is parsed again by Jackson, which decides and words the problem.
 * So the fast path can make a good line cheaper, never a bad line good (EgressLineTest compares the
 * two on mutated lines). Jackson alone is slower per line here, mostly from creating a parser per
 * line, which per-line error recovery needs.
 */
final class FlatJson {
    private static final int OTHER = -2;

    private FlatJson() {
    }

    /** True when the line was fully parsed into {@code into}; false means "ask Jackson". */
    static boolean parse(EgressLine into, byte[] b, int off, int len) {
        int end = off + len;
        int i = ws(b, off, end);
        if (i >= end || b[i] != '{') {
            return false;
        }
        i = ws(b, i + 1, end);
        if (i < end && b[i] == '}') {
            return ws(b, i + 1, end) == end;
        }
        while (true) {
            if (i >= end || b[i] != '"') {
                return false;
            }
            int nameEnd = string(b, i + 1, end);
            if (nameEnd < 0) {
                return false;
            }
            int field = field(into, b, i + 1, nameEnd);
            if (field == -1) {
                return false;
            }
            i = ws(b, nameEnd + 1, end);
            if (i >= end || b[i] != ':') {
                return false;
            }
            i = ws(b, i + 1, end);
            if (i >= end) {
                return false;
            }
            byte c = b[i];
            if (c == '"') {
                int e = string(b, i + 1, end);
                if (e < 0 || (field != OTHER && !into.setString(field, b, i + 1, e))) {
                    return false;
                }
                i = e + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int e = i;
                boolean negative = c == '-';
                if (negative) {
                    e++;
                }
                int digits = e;
                if (e >= end) {
                    return false;
                }
                if (b[e] == '0') {
                    e++;
                } else if (b[e] >= '1' && b[e] <= '9') {
                    while (e < end && b[e] >= '0' && b[e] <= '9') {
                        e++;
                    }
                } else {
                    return false;
                }
                if (e - digits > 18 || (e < end && (b[e] == '.' || b[e] == 'e' || b[e] == 'E'))) {
                    return false;
                }
                long v = 0;
                for (int k = digits; k < e; k++) {
                    v = v * 10 + (b[k] - '0');
                }
                if (field != OTHER && !into.setLong(field, negative ? -v : v)) {
                    return false;
                }
                i = e;
            } else if (literal(b, i, end, "true")) {
                if (field != OTHER && !into.setBoolean(field, true)) {
                    return false;
                }
                i += 4;
            } else if (literal(b, i, end, "false")) {
                if (field != OTHER && !into.setBoolean(field, false)) {
                    return false;
                }
                i += 5;
            } else if (literal(b, i, end, "null")) {
                if (field != OTHER && !into.setNull(field)) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
            i = ws(b, i, end);
            if (i >= end) {
                return false;
            }
            if (b[i] == '}') {
                return ws(b, i + 1, end) == end;
            }
            if (b[i] != ',') {
                return false;
            }
            i = ws(b, i + 1, end);
        }
    }

    /** The field's index in {@link EgressLine#NAMES}; OTHER for another declared column; -1 for an unknown one. */
    private static int field(EgressLine into, byte[] b, int from, int to) {
        int n = to - from;
        byte[][] names = EgressLine.NAME_BYTES;
        for (int f = 0; f < names.length; f++) {
            byte[] name = names[f];
            if (name.length != n) {
                continue;
            }
            boolean same = true;
            for (int k = 0; k < n; k++) {
                if (b[from + k] != name[k]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return f;
            }
        }
        return into.declares(new String(b, from, n, StandardCharsets.ISO_8859_1)) ? OTHER : -1;
    }

    /** The index of the closing quote of a plain ASCII string starting at {@code i}, or -1 (escape, control or non-ASCII byte). */
    private static int string(byte[] b, int i, int end) {
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) { // non-ASCII bytes are negative, so below 0x20 too
                return -1;
            }
        }
        return -1;
    }

    private static boolean literal(byte[] b, int i, int end, String word) {
        if (i + word.length() > end) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        int j = i + word.length();
        return j == end || b[j] == ',' || b[j] == '}' || b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n';
    }

    private static int ws(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }
}
