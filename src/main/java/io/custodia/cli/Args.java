package io.custodia.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments: positionals, {@code --flag}, {@code --name value} / {@code --name=value}.
 * Options not in the command's allowed set are rejected with the list of allowed ones.
 */
final class Args {
    final List<String> positional = new ArrayList<>();
    final Map<String, String> options = new LinkedHashMap<>();

    static Args parse(List<String> raw, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            if (s.startsWith("--") && s.length() > 2) {
                String name = s.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    a.options.put(name, value == null ? "true" : value);
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= raw.size()) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = raw.get(++i);
                    }
                    a.options.put(name, value);
                } else {
                    List<String> known = new ArrayList<>();
                    valued.forEach(v -> known.add("--" + v + " VALUE"));
                    flags.forEach(f -> known.add("--" + f));
                    throw new UsageException("unknown option --" + name + (known.isEmpty() ? "" : "; this command takes " + String.join(", ", known.stream().sorted().toList())));
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    String option(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    long longOption(String name, long dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    LocalDate date(String name, LocalDate dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " must be a date YYYY-MM-DD, got '" + v + "'");
        }
    }

    Path path(String name, Path dflt) {
        String v = options.get(name);
        return v == null ? dflt : Path.of(v);
    }

    String requirePositional(int i, String what) {
        if (positional.size() <= i) {
            throw new UsageException("missing " + what);
        }
        return positional.get(i);
    }

    void expectPositionals(int max) {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument '" + positional.get(max) + "'");
        }
    }
}
