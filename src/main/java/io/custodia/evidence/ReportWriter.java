package io.custodia.evidence;

import io.custodia.crypto.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Writes {@code <reports>/<job>/<run>/report.json} and a self-contained {@code report.html}, then
 * refreshes {@code <reports>/index.html}, a table of every run. Files are written to a temporary
 * name and renamed, so a reader never sees half a report.
 */
public final class ReportWriter {
    private final Path root;

    public ReportWriter(Path root) {
        this.root = root;
    }

    /** The written report files and the SHA-256 of report.json (for the evidence entry). */
    public record Written(Path directory, Path json, Path html, String jsonSha256) {
    }

    public Written write(RunReport report) {
        try {
            Path dir = root.resolve(report.job()).resolve(report.run());
            Files.createDirectories(dir);
            String json = Json.PRETTY.writeValueAsString(report);
            Path jsonFile = writeAtomically(dir.resolve("report.json"), json);
            Path htmlFile = writeAtomically(dir.resolve("report.html"), html(report));
            writeIndex();
            return new Written(dir, jsonFile, htmlFile, Hashes.sha256Hex(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report under " + root + ": " + e.getMessage(), e);
        }
    }

    static Path writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String html(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.esc(r.title()))
                .append("</title>").append(Html.STYLE).append("</head><body>");
        b.append("<p class=\"meta\"><a href=\"../../index.html\">All runs</a></p>");
        b.append("<h1>").append(Html.esc(r.title())).append("</h1>");
        b.append("<p class=\"meta\">job <b>").append(Html.esc(r.job())).append("</b> · run ").append(Html.esc(r.run()))
                .append(" · <span class=\"status ").append(Html.esc(r.status())).append("\">").append(Html.esc(r.status())).append("</span>");
        if (r.jobFile() != null) {
            b.append(" · job file ").append(Html.esc(r.jobFile()));
        }
        if (r.runDate() != null) {
            b.append(" · run date ").append(Html.esc(r.runDate()));
        }
        if (r.startedAt() != null) {
            b.append(" · started ").append(Html.esc(r.startedAt())).append(" · took ").append(Html.esc(r.duration().toMillis() / 1000.0)).append(" s");
        }
        b.append("</p>");
        if (!r.facts().isEmpty()) {
            b.append("<h2>Summary</h2><dl>");
            r.facts().forEach((k, v) -> b.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(Html.format(v))).append("</dd>"));
            b.append("</dl>");
        }
        for (RunReport.Bars chart : r.charts()) {
            b.append("<h2>").append(Html.esc(chart.title())).append("</h2><table><tr><th>what</th><th style=\"width:55%\">")
                    .append(Html.esc(chart.unit())).append(" (red line: limit)</th><th>value</th><th>limit</th></tr>");
            double max = chart.bars().stream().mapToDouble(x -> Math.max(x.value(), x.limit() == null ? 0 : x.limit())).max().orElse(1);
            for (RunReport.Bar bar : chart.bars()) {
                double w = max <= 0 ? 0 : 100 * bar.value() / max;
                b.append("<tr><td>").append(Html.esc(bar.label())).append("</td><td><div class=\"bar\"><span style=\"width:")
                        .append(String.format("%.2f", w)).append("%\"></span>");
                if (bar.limit() != null && max > 0) {
                    b.append("<i style=\"left:").append(String.format("%.2f", 100 * bar.limit() / max)).append("%\"></i>");
                }
                b.append("</div></td>").append(Html.cell(bar.value())).append(Html.cell(bar.limit())).append("</tr>");
            }
            b.append("</table>");
        }
        for (RunReport.Table t : r.tables()) {
            b.append("<h2>").append(Html.esc(t.title())).append("</h2>");
            if (t.rows().isEmpty()) {
                b.append("<p class=\"meta\">(none)</p>");
                continue;
            }
            b.append("<table><tr>");
            t.columns().forEach(c -> b.append("<th>").append(Html.esc(c)).append("</th>"));
            b.append("</tr>");
            for (List<Object> row : t.rows()) {
                b.append("<tr>");
                row.forEach(v -> b.append(Html.cell(v)));
                b.append("</tr>");
            }
            b.append("</table>");
        }
        if (!r.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> b.append("<li>").append(Html.esc(n)).append("</li>"));
            b.append("</ul>");
        }
        b.append("<footer>Written by Custodia. This page holds counts and keyed hashes only, never a raw personal value. "
                + "The same content is in report.json beside it.</footer></body></html>\n");
        return b.toString();
    }

    /** Rebuilds index.html from every report.json under the root, newest first. */
    public void writeIndex() {
        List<JsonNode> reports = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals("report.json"))) {
                for (Path p : files.toList()) {
                    try {
                        JsonNode n = Json.MAPPER.readTree(p.toFile());
                        reports.add(n);
                    } catch (RuntimeException unreadable) {
                        // a report that cannot be parsed is left out of the index, not fatal
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        reports.sort(Comparator.comparing((JsonNode n) -> n.path("startedAt").asString("")).reversed());
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Custodia — all runs</title>")
                .append(Html.STYLE).append("</head><body><h1>Custodia — all runs</h1><p class=\"meta\">")
                .append(reports.size()).append(" runs, newest first.</p><table><tr><th>started</th><th>job</th><th>run</th>"
                        + "<th>status</th><th>run date</th><th>seconds</th><th>key figures</th></tr>");
        for (JsonNode n : reports) {
            String job = n.path("job").asString();
            String run = n.path("run").asString();
            StringBuilder facts = new StringBuilder();
            int shown = 0;
            for (Map.Entry<String, JsonNode> f : n.path("facts").properties()) {
                if (shown++ == 4) {
                    break;
                }
                facts.append(Html.esc(f.getKey())).append(": <b>").append(Html.esc(f.getValue().asString())).append("</b> ");
            }
            String started = n.path("startedAt").asString("");
            String finished = n.path("finishedAt").asString("");
            String seconds = started.isEmpty() || finished.isEmpty() ? ""
                    : String.format("%.1f", java.time.Duration.between(java.time.Instant.parse(started), java.time.Instant.parse(finished)).toMillis() / 1000.0);
            b.append("<tr><td>").append(Html.esc(started)).append("</td><td>").append(Html.esc(job))
                    .append("</td><td><a href=\"").append(Html.esc(job + "/" + run + "/report.html")).append("\">").append(Html.esc(run))
                    .append("</a></td><td><span class=\"status ").append(Html.esc(n.path("status").asString()))
                    .append("\">").append(Html.esc(n.path("status").asString())).append("</span></td><td>")
                    .append(Html.esc(n.path("runDate").asString(""))).append("</td><td class=\"n\">").append(seconds)
                    .append("</td><td>").append(facts).append("</td></tr>");
        }
        b.append("</table><footer>Written by Custodia; counts and keyed hashes only.</footer></body></html>\n");
        try {
            Files.createDirectories(root);
            writeAtomically(root.resolve("index.html"), b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve("index.html") + ": " + e.getMessage(), e);
        }
    }
}
