package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.config.ConfigException;
import io.custodia.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in cac-2024 rule data, selection by name or path, and validation with file:line. */
class RuleSetTest {
    @TempDir
    Path tmp;

    @Test
    void cac2024HoldsTheProvisionsThresholdsAndPeriods() {
        RuleSet r = RuleSetLoader.builtIn("cac-2024");
        assertThat(r.name()).isEqualTo("cac-2024");
        assertThat(r.version()).isEqualTo("2024.1");
        assertThat(r.effective()).isEqualTo(LocalDate.of(2024, 3, 22));
        assertThat(r.origin()).startsWith("built in");
        // non-sensitive: below 100,000 nothing; 100,000 to under 1,000,000 contract or certification; 1,000,000 assessment
        assertThat(r.required(false, 99_999)).isEqualTo("none");
        assertThat(r.required(false, 100_000)).isEqualTo("standard-contract-or-certification");
        assertThat(r.required(false, 999_999)).isEqualTo("standard-contract-or-certification");
        assertThat(r.required(false, 1_000_000)).isEqualTo("security-assessment");
        // sensitive: any is contract or certification, 10,000 or more assessment
        assertThat(r.required(true, 0)).isEqualTo("none");
        assertThat(r.required(true, 1)).isEqualTo("standard-contract-or-certification");
        assertThat(r.required(true, 9_999)).isEqualTo("standard-contract-or-certification");
        assertThat(r.required(true, 10_000)).isEqualTo("security-assessment");
        assertThat(r.next(true, 8_200).orElseThrow().atLeast()).isEqualTo(10_000);
        assertThat(r.mechanisms().get("security-assessment").validity()).isEqualTo(java.time.Period.ofYears(3));
        assertThat(r.mechanisms().get("certification").validity()).isEqualTo(java.time.Period.ofYears(3));
        assertThat(r.mechanisms().get("standard-contract").filingWithinWorkingDays()).isEqualTo(10);
        assertThat(r.exemptions().keySet()).containsExactly("contract-performance", "cross-border-hr", "emergency", "small-volume");
        assertThat(r.exemptions().get("contract-performance").counted()).isFalse();
        assertThat(r.exemptions().get("small-volume").counted()).isTrue();
        assertThat(r.workingDays().holidays()).isEmpty();
        assertThat(r.importantData()).isEqualTo("security-assessment");
    }

    @Test
    void selectedByNameOrByPathRelativeToTheJobFile() throws Exception {
        Path custom = tmp.resolve("rules/strict.yaml");
        Files.createDirectories(custom.getParent());
        Files.writeString(custom, Files.readString(Path.of("src/main/resources/io/custodia/crossborder/rules/cac-2024.yaml"))
                .replace("name: cac-2024", "name: strict-2026").replace("version: \"2024.1\"", "version: \"7\"")
                .replace("at-least: 100000,", "at-least: 1000,"));
        Files.writeString(tmp.resolve("job.yaml"), "a: rules/strict.yaml\nb: cac-2024\nc: cac-2099\nd: missing/x.yaml\n");
        YamlNode job = YamlNode.load(tmp.resolve("job.yaml"));
        RuleSet strict = RuleSetLoader.select(job.require("a"), tmp);
        assertThat(strict.describe()).isEqualTo("strict-2026 version 7 (in force 2024-03-22)");
        assertThat(strict.required(false, 1_000)).isEqualTo("standard-contract-or-certification");
        assertThat(strict.origin()).isEqualTo(custom.toString());
        assertThat(RuleSetLoader.select(job.require("b"), tmp).name()).isEqualTo("cac-2024");
        assertThatThrownBy(() -> RuleSetLoader.select(job.require("c"), tmp)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(tmp.resolve("job.yaml") + ":3:4: c: unknown rule set 'cac-2099'");
        assertThatThrownBy(() -> RuleSetLoader.select(job.require("d"), tmp)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(tmp.resolve("job.yaml") + ":4:4:").hasMessageContaining("does not exist");
    }

    @Test
    void invalidRuleFilesNameTheLine() throws Exception {
        String good = Files.readString(Path.of("src/main/resources/io/custodia/crossborder/rules/cac-2024.yaml"));
        assertProblem(good.replace("count-from: january-1", "count-from: january-1\nthreshold: 5"), "unknown key 'threshold'");
        assertProblem(good.replace("at-least: 1000000,", "at-least: 50000,"), "ascending order: 50000 follows 100000");
        assertProblem(good.replace("{at-least: 10000, requires: security-assessment", "{at-least: 10000, requires: standard-contract-or-certification"),
                "a higher threshold must require a stronger level");
        assertProblem(good.replace("certification: {provides: standard-contract-or-certification,", "certification: {provides: gold,"),
                "unknown level 'gold'");
        assertProblem(good.replace("effective: 2024-03-22", "effective: 22 March 2024"), "expected a date YYYY-MM-DD");
        assertProblem(good.replace("validity: 3y, citation: \"Art. 9", "validity: three years, citation: \"Art. 9"), "expected a period");
        assertProblem(good.replace("holidays: []", "holidays: [2026-10-01, 2026-10-01]"), "2026-10-01 is listed twice");
        assertProblem(good.replace("working-days: [monday,", "working-days: [moonday,"), "unknown value 'moonday'");
    }

    private void assertProblem(String text, String message) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, text);
        assertThatThrownBy(() -> RuleSetLoader.load(f, f.toString())).isInstanceOf(ConfigException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: .*")
                .hasMessageContaining(message);
        // the line named is the line that holds the problem
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> RuleSetLoader.load(f, f.toString()));
        int line = Integer.parseInt(e.getMessage().substring(f.toString().length() + 1).split(":")[0]);
        assertThat(text.lines().toList().get(line - 1)).as(e.getMessage()).isNotBlank();
    }
}
