package io.custodia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.catalog.Level;
import io.custodia.catalog.Tag;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `custodia demo` in a real child JVM on a copy of the repository's jobs/ and sample-data/: it exits
 * 0, and no raw personal value of the sample company (identifiers, contact details, ID and card
 * numbers, Chinese names) appears in any report, log, certificate, manifest or ledger it wrote.
 */
class DemoLeakTest {
    @TempDir
    Path tmp;

    private static final Pattern ASCII_TOKEN = Pattern.compile("[A-Za-z0-9@._+-]+");
    private static final Pattern HAN_RUN = Pattern.compile("[\\p{IsHan}]+");

    @Test
    void demoSucceedsAndLeaksNothing() throws Exception {
        TestHome home = new TestHome(tmp);
        home.copyTree(Path.of("jobs"), "jobs");
        home.copyTree(Path.of("sample-data"), "sample-data");
        Process p = home.child(List.of(), "demo", "--date", "2026-11-25");
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        assertThat(p.waitFor()).as(output.toString()).isZero();
        assertThat(output).contains("all runs: ");
        assertThat(tmp.resolve("reports/index.html")).exists();

        Set<String> personal = personalValues(CatalogLoader.load(tmp.resolve("sample-data/catalog.yaml")));
        assertThat(personal).hasSizeGreaterThan(10_000);
        String someId = personal.stream().filter(v -> v.matches("[0-9]{17}[0-9X]")).findFirst().orElseThrow();
        String someName = personal.stream().filter(v -> v.matches("\\p{IsHan}{2,3}")).findFirst().orElseThrow();
        assertThat(hits("id=" + someId + ", 客户" + someName + "。", personal)).as("the scanner itself finds planted values").hasSizeGreaterThanOrEqualTo(2).contains(someId.replaceAll(".", "*"));
        List<Path> written = new ArrayList<>();
        for (Path root : List.of(tmp.resolve("reports"), tmp.resolve("var"))) {
            try (var s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(f -> !isData(f)).forEach(written::add);
            }
        }
        assertThat(written).anyMatch(f -> f.toString().endsWith("custodia.log")).anyMatch(f -> f.toString().endsWith("ledger.jsonl"));
        List<String> leaks = new ArrayList<>();
        for (Path f : written) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8) + "\n" + output;
            for (String hit : hits(text, personal)) {
                leaks.add(tmp.relativize(f) + ": " + hit.length() + "-char value of the sample data");
            }
        }
        assertThat(leaks).as("raw personal values in files the demo wrote").isEmpty();
    }

    /** The sample data itself, the demo's copy of it, key files and job outputs that are data (backups, exports). */
    static boolean isData(Path f) {
        String s = f.toString();
        return s.contains("/var/demo/sample-data/") || s.contains("/var/keys/") || s.contains("/var/state/")
                || s.endsWith(".parquet") || s.endsWith(".age") || s.contains("/exports/");
    }

    static List<String> hits(String text, Set<String> personal) {
        List<String> out = new ArrayList<>();
        Matcher m = ASCII_TOKEN.matcher(text);
        while (m.find()) {
            String t = m.group().replaceAll("^[._+-]+|[._+-]+$", "");
            if (personal.contains(t)) {
                out.add(t.replaceAll(".", "*"));
            }
        }
        Matcher h = HAN_RUN.matcher(text);
        while (h.find()) {
            String run = h.group();
            for (int i = 0; i < run.length(); i++) {
                for (int len = 2; len <= 4 && i + len <= run.length(); len++) {
                    if (personal.contains(run.substring(i, i + len))) {
                        out.add(run.substring(i, i + len).replaceAll(".", "*"));
                    }
                }
            }
        }
        return out;
    }

    /** Values of every string column that is not general, or is an identifier or sensitive, in the data datasets. */
    static Set<String> personalValues(Catalog catalog) {
        Set<String> out = new HashSet<>();
        for (Dataset d : catalog.datasets()) {
            if (d.role() != DatasetRole.DATA) {
                continue;
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < d.columns().size(); i++) {
                Column c = d.columns().get(i);
                if (c.type() == ColumnType.STRING && (c.level() != Level.GENERAL || c.has(Tag.DIRECT_IDENTIFIER) || c.has(Tag.SENSITIVE))
                        && !c.name().equals("shipping_address") && !c.name().equals("address")) {
                    idx.add(i);
                }
            }
            for (FileStatus f : DatasetFiles.list(d)) {
                try (RowReader r = DatasetFiles.open(d, f.getPath(), Storage.configuration())) {
                    Row row;
                    while ((row = r.next()) != null) {
                        for (int i : idx) {
                            Object v = row.get(i);
                            if (v instanceof String s && s.length() >= 2 && !s.contains(" ")) {
                                out.add(s);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
