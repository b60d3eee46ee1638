package io.custodia.crossborder;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import java.time.Instant;
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
 * One egress gateway log line (JSON Lines), parsed in place with Jackson's streaming parser and
 * reused for the next line, so that ten million lines cost no garbage per field beyond the strings
 * they hold. {@link #parse} returns null or a problem that names the field and never its value (a
 * bad line may hold personal data), e.g. {@code field 'time': not a valid timestamp}.
 */
final class EgressLine {
    static final Map<String, ColumnType> COLUMNS = columns();
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

    EgressLine(Set<String> declaredColumns) {
        this.declared = Set.copyOf(declaredColumns);
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
        hasTime = false;
        channel = host = country = object = subjectHash = null;
        hasBytes = false;
        bytes = 0;
        remote = false;
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
        private Timestamps() {
        }

        static long parseMillis(String s) {
            int n = s.length();
            if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                    && s.charAt(13) == ':' && s.charAt(16) == ':') {
                int y = digits(s, 0, 4);
                int mo = digits(s, 5, 7);
                int d = digits(s, 8, 10);
                int h = digits(s, 11, 13);
                int mi = digits(s, 14, 16);
                int se = digits(s, 17, 19);
                int ms = 0;
                boolean ok = y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59
                        && se >= 0 && se <= 59;
                if (ok && n > 20) {
                    if (s.charAt(19) != '.' || n > 30) {
                        ok = false;
                    } else {
                        int frac = 0;
                        int places = 0;
                        for (int i = 20; i < n - 1; i++) {
                            char c = s.charAt(i);
                            if (c < '0' || c > '9') {
                                ok = false;
                                break;
                            }
                            if (places < 3) {
                                frac = frac * 10 + (c - '0');
                                places++;
                            }
                        }
                        if (places == 0) {
                            ok = false;
                        }
                        while (places < 3) {
                            frac *= 10;
                            places++;
                        }
                        ms = frac;
                    }
                } else if (ok && n != 20) {
                    ok = false;
                }
                if (ok && d <= java.time.YearMonth.of(y, mo).lengthOfMonth()) {
                    long days = java.time.LocalDate.of(y, mo, d).toEpochDay();
                    return ((days * 24 + h) * 60 + mi) * 60_000L + se * 1000L + ms;
                }
            }
            return LedgerReader.parseInstant(s).toEpochMilli();
        }

        private static int digits(String s, int from, int to) {
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        static Instant instant(long millis) {
            return Instant.ofEpochMilli(millis);
        }
    }
}
