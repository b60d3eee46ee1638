package io.custodia.crossborder;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import io.custodia.parquet.DataFileException;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.JsonlRowReader;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Reads the declared transfer ledger (the catalog dataset with role {@code transfer-ledger}).
 *
 * <p>CSV is parsed here rather than through the shared row reader so that every row keeps the
 * line it starts on (quoted fields may span lines) and so that a bad row is reported as a finding
 * with file:line while the rest of the ledger is still reconciled: the ledger is what is being
 * audited, and one typo must not hide every other discrepancy. A row whose structure is broken
 * (unterminated quote, wrong number of fields) is unusable; a row with a value that does not parse
 * keeps its other values and is still matched. Parquet and JSON Lines ledgers are read through the
 * shared readers (a JSON line that does not parse is reported the same way; a corrupt Parquet file
 * fails the run, naming the file).
 */
final class LedgerReader {
    /** The columns reconcile reads and their types; {@code bytes} is optional. */
    static final Map<String, ColumnType> COLUMNS = columns();
    static final String OPTIONAL_BYTES = "bytes";

    private static Map<String, ColumnType> columns() {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        m.put("transfer_id", ColumnType.STRING);
        m.put("transferred_at", ColumnType.TIMESTAMP);
        m.put("legal_entity", ColumnType.STRING);
        m.put("recipient", ColumnType.STRING);
        m.put("recipient_country", ColumnType.STRING);
        m.put("purpose", ColumnType.STRING);
        m.put("data_categories", ColumnType.STRING);
        m.put("sensitive", ColumnType.BOOLEAN);
        m.put("records", ColumnType.LONG);
        m.put("individuals", ColumnType.LONG);
        m.put("channel", ColumnType.STRING);
        m.put("object", ColumnType.STRING);
        m.put("legal_basis", ColumnType.STRING);
        m.put("exemption_kind", ColumnType.STRING);
        m.put("basis_reference", ColumnType.STRING);
        m.put("basis_effective_on", ColumnType.DATE);
        m.put("basis_filed_on", ColumnType.DATE);
        m.put("basis_expires_on", ColumnType.DATE);
        m.put("consent_reference", ColumnType.STRING);
        m.put("pia_reference", ColumnType.STRING);
        return m;
    }

    /** A row that could not be used at all, or a problem with a row that was used. */
    record Problem(String location, String transferId, String message) {
    }

    record Result(List<LedgerRow> rows, List<Problem> malformed, int files) {
    }

    private LedgerReader() {
    }

    /** Fails at the catalog entry when the dataset lacks a column reconcile needs, or declares it with another type. */
    static void checkDeclared(Dataset ledger) {
        List<String> problems = new ArrayList<>();
        COLUMNS.forEach((name, type) -> {
            var c = ledger.column(name);
            if (c.isEmpty()) {
                problems.add("missing column '" + name + "' (" + type.label() + ")");
            } else if (!compatible(c.get().type(), type)) {
                problems.add("column '" + name + "' is declared " + c.get().type().label() + ", reconcile reads it as " + type.label());
            }
        });
        ledger.column(OPTIONAL_BYTES).filter(c -> !compatible(c.type(), ColumnType.LONG))
                .ifPresent(c -> problems.add("column 'bytes' is declared " + c.type().label() + ", reconcile reads it as long"));
        if (!problems.isEmpty()) {
            throw new ConfigException(ledger.declaredAt() + ": transfer ledger '" + ledger.name() + "': " + String.join("; ", problems));
        }
    }

    private static boolean compatible(ColumnType declared, ColumnType wanted) {
        return declared == wanted || (wanted == ColumnType.LONG && declared == ColumnType.INT);
    }

    static Result read(Dataset ledger, Configuration conf, Locations locations) {
        List<FileStatus> files = DatasetFiles.list(ledger);
        List<LedgerRow> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (FileStatus f : files) {
            if (ledger.format() == DataFormat.CSV) {
                readCsv(f.getPath(), ledger, conf, locations, rows, problems);
            } else {
                readRows(f.getPath(), ledger, conf, locations, rows, problems);
            }
        }
        return new Result(List.copyOf(rows), List.copyOf(problems), files.size());
    }

    // ---- CSV ----------------------------------------------------------------------------------

    private static void readCsv(Path file, Dataset ledger, Configuration conf, Locations loc, List<LedgerRow> rows, List<Problem> problems) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getFileSystem(conf).open(file), StandardCharsets.UTF_8), 1 << 16)) {
            String header = in.readLine();
            if (header == null) {
                throw new DataFileException(loc.at(file, 1) + ": the transfer ledger is empty; expected a header row");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            Split h = split(header);
            if (h.error != null) {
                throw new DataFileException(loc.at(file, 1) + ": cannot read the header row: " + h.error);
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < h.fields.size(); i++) {
                String name = h.fields.get(i).strip();
                if (ledger.column(name).isEmpty()) {
                    throw new DataFileException(loc.at(file, 1) + ": unknown column '" + name + "' in the header; declared: " + ledger.columnNames());
                }
                if (index.put(name, i) != null) {
                    throw new DataFileException(loc.at(file, 1) + ": column '" + name + "' appears twice in the header");
                }
            }
            for (String c : COLUMNS.keySet()) {
                if (!index.containsKey(c)) {
                    throw new DataFileException(loc.at(file, 1) + ": column '" + c + "' is missing from the header");
                }
            }
            long line = 1;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                long start = line;
                StringBuilder record = new StringBuilder(text);
                boolean unterminated = false;
                while (openQuote(record)) {
                    String more = in.readLine();
                    if (more == null) {
                        unterminated = true;
                        break;
                    }
                    line++;
                    record.append('\n').append(more);
                }
                String where = loc.at(file, start);
                if (unterminated) {
                    problems.add(new Problem(where, null, "a quoted field is never closed, so the rest of the file "
                            + (line > start ? "(lines " + start + "–" + line + ") " : "") + "cannot be read"));
                    break;
                }
                Split s = split(record.toString());
                String span = line > start ? " (a quoted field carried the record over lines " + start + "–" + line + ")" : "";
                if (s.error != null) {
                    problems.add(new Problem(where, null, s.error + span));
                    continue;
                }
                if (s.fields.size() != h.fields.size()) {
                    problems.add(new Problem(where, null, "expected " + h.fields.size() + " fields, found " + s.fields.size() + span));
                    continue;
                }
                Values v = new Values(s, index);
                LedgerRow row = v.row(rows.size(), where);
                if (!v.unreadable.isEmpty()) {
                    problems.add(new Problem(where, row.transferId(), String.join("; ", v.errors)));
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new DataFileException(loc.display(file) + ": cannot read the transfer ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the record so far ends inside a quoted field, so that the next line continues it. Only a
     * quote at the start of a field opens one: a stray quote inside an unquoted field is an error of
     * that row and must not swallow the rows after it.
     */
    private static boolean openQuote(CharSequence s) {
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == ',') {
                fieldStart = true;
            } else {
                quoted = c == '"' && fieldStart;
                fieldStart = false;
            }
        }
        return quoted;
    }

    /** RFC 4180 fields of one record; an empty unquoted field is null. */
    private record Split(List<String> fields, String error) {
    }

    private static Split split(String record) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = record.length();
        while (true) {
            if (i < n && record.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return new Split(out, "a quoted field is never closed");
                    }
                    char c = record.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && record.charAt(i + 1) == '"') {
                            b.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(c);
                    i++;
                }
                out.add(b.toString());
                if (i < n && record.charAt(i) != ',') {
                    return new Split(out, "text after a closing quote in field " + out.size());
                }
            } else {
                int end = record.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                String f = record.substring(i, end);
                if (f.indexOf('"') >= 0) {
                    return new Split(out, "a quote inside an unquoted field (field " + (out.size() + 1) + ")");
                }
                if (f.endsWith("\r")) {
                    f = f.substring(0, f.length() - 1);
                }
                out.add(f.isEmpty() ? null : f);
                i = end;
            }
            if (i >= n) {
                return new Split(out, null);
            }
            i++; // the comma
            if (i == n) {
                out.add(null);
                return new Split(out, null);
            }
        }
    }

    /** Typed values of one CSV record; parse failures are collected, naming the column, never the value. */
    private static final class Values {
        final Split split;
        final Map<String, Integer> index;
        final List<String> unreadable = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        Values(Split split, Map<String, Integer> index) {
            this.split = split;
            this.index = index;
        }

        String text(String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String v = split.fields().get(i);
            return v == null || v.isBlank() ? null : v.strip();
        }

        Object typed(String column, ColumnType type) {
            String t = text(column);
            if (t == null) {
                return null;
            }
            try {
                return switch (type) {
                    case LONG, INT -> Long.parseLong(t);
                    case BOOLEAN -> switch (t.toLowerCase()) {
                        case "true", "yes", "1" -> Boolean.TRUE;
                        case "false", "no", "0" -> Boolean.FALSE;
                        default -> throw new IllegalArgumentException();
                    };
                    case DATE -> LocalDate.parse(t);
                    case TIMESTAMP -> parseInstant(t);
                    default -> t;
                };
            } catch (RuntimeException e) {
                unreadable.add(column);
                errors.add("column '" + column + "': not a valid " + type.label() + hint(type));
                return null;
            }
        }

        LedgerRow row(int idx, String where) {
            return new LedgerRow(idx, where, text("transfer_id"), (Instant) typed("transferred_at", ColumnType.TIMESTAMP),
                    text("legal_entity"), text("recipient"), upper(text("recipient_country")), text("purpose"), text("data_categories"),
                    (Boolean) typed("sensitive", ColumnType.BOOLEAN), (Long) typed("records", ColumnType.LONG),
                    (Long) typed("individuals", ColumnType.LONG), text("channel"), text("object"), lower(text("legal_basis")),
                    lower(text("exemption_kind")), text("basis_reference"), (LocalDate) typed("basis_effective_on", ColumnType.DATE),
                    (LocalDate) typed("basis_filed_on", ColumnType.DATE), (LocalDate) typed("basis_expires_on", ColumnType.DATE),
                    text("consent_reference"), text("pia_reference"), (Long) typed(OPTIONAL_BYTES, ColumnType.LONG), unreadable);
        }
    }

    static String hint(ColumnType type) {
        return switch (type) {
            case TIMESTAMP -> " (ISO-8601 with an offset, e.g. 2026-03-03T03:00:00Z)";
            case DATE -> " (YYYY-MM-DD)";
            case BOOLEAN -> " (true or false)";
            case LONG, INT -> " (a whole number)";
            default -> "";
        };
    }

    static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase();
    }

    // ---- Parquet, JSON Lines ------------------------------------------------------------------

    private static void readRows(Path file, Dataset ledger, Configuration conf, Locations loc, List<LedgerRow> rows, List<Problem> problems) {
        try (RowReader reader = DatasetFiles.open(ledger, file, conf)) {
            while (true) {
                Row r;
                try {
                    r = reader.next();
                } catch (DataFileException e) {
                    if (ledger.format() != DataFormat.JSONL) {
                        throw e;
                    }
                    // the JSON Lines reader has consumed the bad line: report it and go on with the next
                    problems.add(new Problem(loc.at(file, ((JsonlRowReader) reader).line()), null, afterLocation(e.getMessage())));
                    continue;
                }
                if (r == null) {
                    break;
                }
                String where = reader instanceof JsonlRowReader j ? loc.at(file, j.line()) : loc.display(file) + "#row" + reader.position();
                rows.add(new LedgerRow(rows.size(), where, str(r, "transfer_id"), (Instant) r.get("transferred_at"), str(r, "legal_entity"),
                        str(r, "recipient"), upper(str(r, "recipient_country")), str(r, "purpose"), str(r, "data_categories"),
                        (Boolean) r.get("sensitive"), num(r, "records"), num(r, "individuals"), str(r, "channel"), str(r, "object"),
                        lower(str(r, "legal_basis")), lower(str(r, "exemption_kind")), str(r, "basis_reference"),
                        (LocalDate) r.get("basis_effective_on"), (LocalDate) r.get("basis_filed_on"), (LocalDate) r.get("basis_expires_on"),
                        str(r, "consent_reference"), str(r, "pia_reference"), r.schema().has(OPTIONAL_BYTES) ? num(r, OPTIONAL_BYTES) : null,
                        List.of()));
            }
        }
    }

    private static String afterLocation(String message) {
        int i = message.indexOf(": ");
        return i < 0 ? message : message.substring(i + 2);
    }

    private static String str(Row r, String c) {
        String s = r.getString(c);
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Long num(Row r, String c) {
        Object v = r.get(c);
        return v == null ? null : ((Number) v).longValue();
    }
}
