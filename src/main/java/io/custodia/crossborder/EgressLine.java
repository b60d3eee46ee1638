package io.custodia.crossborder;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One egress gateway log line (JSON Lines), reused for the next line. {@link #parse} returns null
 * or a problem that names the field and never its value (a bad line may hold personal data), e.g.
 * {@code field 'time': not a valid timestamp}.
 *
 * <p>Two parsers: {@link FlatJson}, a fast path for the common flat ASCII line that allocates
 * almost nothing (field names are matched as bytes, repeated values such as the object name reuse
 * the previous line's string, the subject hash is fingerprinted from its bytes), and Jackson's
 * streaming parser, which judges every line the fast path declines and words every problem.
 */
final class EgressLine {
    static final Map<String, ColumnType> COLUMNS = columns();
    static final int TIME = 0;
    static final int CHANNEL = 1;
    static final int HOST = 2;
    static final int COUNTRY = 3;
    static final int OBJECT = 4;
    static final int BYTES = 5;
    static final int SUBJECT = 6;
    static final int REMOTE = 7;
    static final String[] NAMES = COLUMNS.keySet().toArray(String[]::new);
    static final byte[][] NAME_BYTES = java.util.Arrays.stream(NAMES).map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final JsonFactory JSON = new JsonFactory();

    private static Map<String, ColumnType> columns() {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        m.put("time", ColumnType.TIMESTAMP);
        m.put("channel", ColumnType.STRING);
        m.put("destination_host", ColumnType.STRING);
        m.put("destination_country", ColumnType.STRING);
        m.put("object", ColumnType.STRING);
        m.put("bytes", ColumnType.LONG);
        m.put("subject_hash", ColumnType.STRING);
        m.put("remote_access", ColumnType.BOOLEAN);
        return m;
    }

    private final Set<String> declared;
    long millis;
    String channel;
    String host;
    String country;
    String object;
    long bytes;
    boolean hasBytes;
    String subjectHash;
    boolean remote;
    private boolean hasTime;
    /** The subject hash as bytes of the current line (fast path), to fingerprint without a string. */
    private byte[] subjectBuf;
    private int subjectOff;
    private int subjectLen = -1;
    /** The previous line's strings, reused when the bytes are the same. */
    private final String[] cache = new String[NAMES.length];

    EgressLine(Set<String> declaredColumns) {
        this.declared = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(declaredColumns));
    }

    /** Fails at the catalog entry when the egress log is not JSON Lines or lacks a column with the right type. */
    static void checkDeclared(Dataset egress) {
        List<String> problems = new ArrayList<>();
        if (egress.format() != io.custodia.catalog.DataFormat.JSONL) {
            problems.add("reconcile reads egress logs as JSON Lines (format: jsonl), found " + egress.format().extension());
        }
        COLUMNS.forEach((name, type) -> {
            var c = egress.column(name);
            if (c.isEmpty()) {
                problems.add("missing column '" + name + "' (" + type.label() + ")");
            } else if (c.get().type() != type && !(type == ColumnType.LONG && c.get().type() == ColumnType.INT)) {
                problems.add("column '" + name + "' is declared " + c.get().type().label() + ", reconcile reads it as " + type.label());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(egress.declaredAt() + ": egress log '" + egress.name() + "': " + String.join("; ", problems));
        }
    }

    /** Parses one line; returns null when it is good, else what is wrong (no value quoted). */
    String parse(byte[] buf, int off, int len) {
        reset();
        if (FlatJson.parse(this, buf, off, len)) {
            return checkRequired();
        }
        return parseWithJackson(buf, off, len);
    }

    boolean hasSubject() {
        return subjectHash != null || subjectLen >= 0;
    }

    /** The keyed fingerprint of the subject hash (same value whichever parser read the line). */
    long fingerprint(SipHash sip) {
        return subjectLen >= 0 ? sip.hashLatin1(subjectBuf, subjectOff, subjectLen) : sip.hash(subjectHash);
    }

    /** The subject hash as text (tests; the scanner fingerprints the bytes). */
    String subjectHash() {
        if (subjectHash == null && subjectLen >= 0) {
            return new String(subjectBuf, subjectOff, subjectLen, StandardCharsets.ISO_8859_1);
        }
        return subjectHash;
    }

    private void reset() {
        hasTime = false;
        channel = host = country = object = subjectHash = null;
        subjectLen = -1;
        hasBytes = false;
        bytes = 0;
        remote = false;
    }

    boolean declares(String field) {
        return declared.contains(field);
    }

    // ---- the fast path's setters: false means "let Jackson judge this line" ------------------------

    /** A plain ASCII string value (no escapes) of a known field, as bytes. */
    boolean setString(int field, byte[] b, int from, int to) {
        boolean blank = true;
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                blank = false;
                break;
            }
        }
        switch (field) {
            case TIME -> {
                if (blank) {
                    return false;
                }
                long m = Timestamps.parseUtcMillis(b, from, to);
                if (m == Long.MIN_VALUE) {
                    try {
                        m = Timestamps.parseMillis(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
                    } catch (DateTimeParseException | ArithmeticException e) {
                        return false;
                    }
                }
                millis = m;
                hasTime = true;
            }
            case CHANNEL -> channel = blank ? null : cached(field, b, from, to);
            case HOST -> host = blank ? null : cached(field, b, from, to);
            case COUNTRY -> country = blank ? null : cached(field, b, from, to);
            case OBJECT -> object = blank ? null : cached(field, b, from, to);
            case SUBJECT -> {
                if (!blank) {
                    subjectBuf = b;
                    subjectOff = from;
                    subjectLen = to - from;
                }
            }
            case BYTES -> {
                if (blank) {
                    return false;
                }
                try {
                    bytes = Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip());
                } catch (NumberFormatException e) {
                    return false;
                }
                if (bytes < 0) {
                    return false;
                }
                hasBytes = true;
            }
            case REMOTE -> {
                switch (new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip().toLowerCase()) {
                    case "true", "yes", "1" -> remote = true;
                    case "false", "no", "0" -> remote = false;
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private String cached(int field, byte[] b, int from, int to) {
        String c = cache[field];
        if (c != null && c.length() == to - from) {
            boolean same = true;
            for (int i = 0; i < c.length(); i++) {
                if (c.charAt(i) != (char) (b[from + i] & 0xff)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return c;
            }
        }
        c = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        cache[field] = c;
        return c;
    }

    boolean setLong(int field, long value) {
        if (field == BYTES && value >= 0) {
            bytes = value;
            hasBytes = true;
            return true;
        }
        return false;
    }

    boolean setBoolean(int field, boolean value) {
        if (field == REMOTE) {
            remote = value;
            return true;
        }
        return false;
    }

    /** null: the field is absent. */
    boolean setNull(int field) {
        return true;
    }

    // ---- Jackson ------------------------------------------------------------------------------------

    /** The reference parse: every line the fast path declines, and in tests every line, to compare. */
    String parseWithJackson(byte[] buf, int off, int len) {
        reset();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "expected a JSON object";
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String problem = switch (name) {
                    case "time" -> time(p, v);
                    case "channel" -> (channel = text(p, v)) == BAD ? bad(name, "text") : null;
                    case "destination_host" -> (host = text(p, v)) == BAD ? bad(name, "text") : null;
                    case "destination_country" -> (country = text(p, v)) == BAD ? bad(name, "text") : null;
                    case "object" -> (object = text(p, v)) == BAD ? bad(name, "text") : null;
                    case "subject_hash" -> (subjectHash = text(p, v)) == BAD ? bad(name, "text") : null;
                    case "bytes" -> bytes(p, v);
                    case "remote_access" -> remote(p, v);
                    default -> {
                        if (!declared.contains(name)) {
                            yield "unknown field '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'; declared: " + declared;
                        }
                        p.skipChildren();
                        yield null;
                    }
                };
                if (problem != null) {
                    return problem;
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return "expected a JSON object";
            }
            if (p.nextToken() != null) {
                return "more than one JSON value on the line";
            }
        } catch (JacksonException e) {
            var where = e.getLocation();
            return "not valid JSON" + (where != null && where.getColumnNr() > 0 ? " at column " + where.getColumnNr() : "");
        }
        return checkRequired();
    }

    private String checkRequired() {
        if (!hasTime) {
            return "missing field 'time'";
        }
        if (object == null) {
            return "missing field 'object'";
        }
        if (host == null) {
            return "missing field 'destination_host'";
        }
        if (country == null) {
            return "missing field 'destination_country'";
        }
        country = country.toUpperCase();
        host = host.toLowerCase();
        return null;
    }

    private static final String BAD = new String("\u0000bad");

    private static String bad(String field, String expected) {
        return "field '" + field + "': expected " + expected;
    }

    private static String text(JsonParser p, JsonToken v) {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return BAD;
        }
        String s = p.getString();
        return s.isBlank() ? null : s;
    }

    private String time(JsonParser p, JsonToken v) {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return "field 'time': expected an ISO-8601 timestamp";
        }
        try {
            millis = Timestamps.parseMillis(p.getString());
            hasTime = true;
            return null;
        } catch (DateTimeParseException | ArithmeticException e) {
            return "field 'time': not a valid timestamp (ISO-8601 with an offset, e.g. 2026-03-03T03:00:05Z)";
        }
    }

    private String bytes(JsonParser p, JsonToken v) {
        switch (v) {
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_INT -> {
                try {
                    bytes = p.getLongValue();
                } catch (JacksonException e) {
                    return "field 'bytes': not a whole number that fits 64 bits";
                }
            }
            case VALUE_STRING -> {
                try {
                    bytes = Long.parseLong(p.getString().strip());
                } catch (NumberFormatException e) {
                    return "field 'bytes': not a whole number";
                }
            }
            default -> {
                p.skipChildren();
                return "field 'bytes': expected a whole number";
            }
        }
        if (bytes < 0) {
            return "field 'bytes': negative";
        }
        hasBytes = true;
        return null;
    }

    private String remote(JsonParser p, JsonToken v) {
        switch (v) {
            case VALUE_NULL -> remote = false;
            case VALUE_TRUE -> remote = true;
            case VALUE_FALSE -> remote = false;
            case VALUE_STRING -> {
                switch (p.getString().strip().toLowerCase()) {
                    case "true", "yes", "1" -> remote = true;
                    case "false", "no", "0" -> remote = false;
                    default -> {
                        return "field 'remote_access': expected true or false";
                    }
                }
            }
            default -> {
                p.skipChildren();
                return "field 'remote_access': expected true or false";
            }
        }
        return null;
    }

    /** ISO-8601 instants; the common {@code 2026-03-03T03:00:05.123Z} form without allocating. */
    static final class Timestamps {
        private static final int[] DAYS = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

        private Timestamps() {
        }

        static long parseMillis(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            long m = s.length() == b.length ? parseUtcMillis(b, 0, b.length) : Long.MIN_VALUE;
            return m != Long.MIN_VALUE ? m : LedgerReader.parseInstant(s).toEpochMilli();
        }

        /**
         * {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z} (years 0000–9999) as epoch milliseconds, or
         * {@code Long.MIN_VALUE} for anything else (the caller then uses the JDK's parser).
         */
        static long parseUtcMillis(byte[] b, int from, int to) {
            int n = to - from;
            if (n < 20 || n > 30 || b[to - 1] != 'Z' || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                    || b[from + 13] != ':' || b[from + 16] != ':') {
                return Long.MIN_VALUE;
            }
            int y = digits(b, from, 4);
            int mo = digits(b, from + 5, 2);
            int d = digits(b, from + 8, 2);
            int h = digits(b, from + 11, 2);
            int mi = digits(b, from + 14, 2);
            int se = digits(b, from + 17, 2);
            if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) {
                return Long.MIN_VALUE;
            }
            boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            if (d > (mo == 2 && leap ? 29 : DAYS[mo])) {
                return Long.MIN_VALUE;
            }
            int ms = 0;
            if (n > 20) {
                if (b[from + 19] != '.' || n == 21) {
                    return Long.MIN_VALUE;
                }
                int places = 0;
                for (int i = from + 20; i < to - 1; i++) {
                    byte c = b[i];
                    if (c < '0' || c > '9') {
                        return Long.MIN_VALUE;
                    }
                    if (places < 3) {
                        ms = ms * 10 + (c - '0');
                    }
                    places++;
                }
                for (int p = Math.min(places, 3); p < 3; p++) {
                    ms *= 10;
                }
            }
            return ((epochDay(y, mo, d) * 24 + h) * 60 + mi) * 60_000L + se * 1000L + ms;
        }

        /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
        static long epochDay(int y, int m, int d) {
            int yy = m <= 2 ? y - 1 : y;
            int era = Math.floorDiv(yy, 400);
            int yoe = yy - era * 400;
            int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
            int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097L + doe - 719468;
        }

        private static int digits(byte[] b, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                byte c = b[i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
