package io.custodia.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.batch.JobFile;
import io.custodia.config.ConfigException;
import io.custodia.share.transforms.DateShift;
import io.custodia.share.transforms.Fpe;
import io.custodia.share.transforms.Pseudonym;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in a sharing policy is refused before anything runs, with the file, the line and
 * the column of the spot to fix. Each case edits one line of a valid policy; the expected line
 * is found in the edited text, not hard-coded.
 */
class SharePolicyLoaderTest {
    static final String GOOD = """
            job: share
            catalog: ../data/catalog.yaml
            share:
              name: test-share
              recipient: {name: "Atlas Analytics Inc.", id: atlas-analytics, country: US}
              purpose: marketing analytics
              approval: SR-2026-0117
              cross-border: {legal-basis: standard-contract, basis-reference: SCC-SH-2026-0072, pia-reference: PIA-2025-011}
              source:
                dataset: customers
                where: {marketing_opt_in: true}
                consent: {dataset: consents, purpose: cross-border}
              date-shift: {max-days: 30}
              columns:
                - {column: customer_id, as: customer_token, transform: pseudonym}
                - {column: mobile, transform: fpe, format: mobile, keep-carrier-prefix: true}
                - {column: gender, transform: keep}
                - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 10}
                - {column: registered_at, transform: date-shift}
              privacy:
                quasi-identifiers: [gender, age_band]
                k: 5
                max-suppression: 5%
            """;

    @TempDir
    Path tmp;
    Path jobFile;

    @BeforeEach
    void catalog() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(tmp.resolve("jobs"));
        Files.copy(ShareTestCompany.contractCatalog(), tmp.resolve("data/catalog.yaml"));
        jobFile = tmp.resolve("jobs/share-test.yaml");
    }

    SharePolicy load(String text) throws Exception {
        Files.writeString(jobFile, text);
        return SharePolicyLoader.load(JobFile.load(jobFile, Set.of("share")));
    }

    @Test
    void aValidPolicyIsReadCompletely() throws Exception {
        SharePolicy p = load(GOOD);
        assertThat(p.name()).isEqualTo("test-share");
        assertThat(p.crossBorderTransfer()).isTrue();
        assertThat(p.crossBorder().legalBasis()).isEqualTo("standard-contract");
        assertThat(p.legalEntity()).isEqualTo("Harbourline Cross-Border Trading Co.");
        assertThat(p.output()).isEqualTo(tmp.resolve("var/exports").toUri());
        assertThat(p.columns()).extracting(SharePolicy.OutputColumn::name)
                .containsExactly("customer_token", "mobile", "gender", "age_band", "registered_at");
        assertThat(p.columns().get(0).transform()).isEqualTo(new Pseudonym("customer_id", 1));
        assertThat(p.columns().get(1).transform()).isInstanceOf(Fpe.class);
        assertThat(p.columns().get(4).transform()).isInstanceOf(DateShift.class);
        assertThat(p.privacy().model().k()).isEqualTo(5);
        assertThat(p.privacy().model().maxSuppression()).isEqualTo(0.05);
        assertThat(p.privacy().model().riskThreshold()).isEqualTo(0.2);
        assertThat(p.firstPassColumns()).containsExactly("marketing_opt_in", "customer_id", "gender", "birth_date");
        assertThat(p.secondPassColumns()).containsExactly("marketing_opt_in", "customer_id", "mobile", "gender", "birth_date", "registered_at");
        assertThat(p.dataCategories()).contains("customer id (pseudonym)", "mobile (encrypted)", "birth date");
        assertThat(p.carriesSensitive()).isFalse();
        assertThat(p.jobFileSha256()).hasSize(64);
    }

    static Stream<Arguments> badPolicies() {
        return Stream.of(
                bad("unknown column", "- {column: gender, transform: keep}", "- {column: salary, transform: keep}",
                        "- {column: salary", "has no column 'salary'"),
                bad("transform invalid for the type", "- {column: gender, transform: keep}", "- {column: birth_date, transform: fpe, format: digits}",
                        "format: digits", "transform 'fpe' is not valid for column 'birth_date' of type date"),
                bad("mask of a date", "- {column: gender, transform: keep}", "- {column: birth_date, as: b, transform: mask, pattern: mobile}",
                        "pattern: mobile", "'mask' is not valid for column 'birth_date' of type date"),
                bad("generalization that does not fit", "to: age-band, width: 10}", "to: province}",
                        "to: province}", "'generalize to province' is not valid for column 'birth_date' of type date"),
                bad("missing approval reference", "  approval: SR-2026-0117\n", "", "  name: test-share", "missing required key 'approval'"),
                bad("empty approval reference", "approval: SR-2026-0117", "approval: \"\"", "approval: \"\"", "empty: expected the approval reference"),
                bad("missing recipient", "  recipient: {name: \"Atlas Analytics Inc.\", id: atlas-analytics, country: US}\n", "",
                        "  name: test-share", "missing required key 'recipient'"),
                bad("missing country", ", country: US}", "}", "recipient: {", "missing required key 'country'"),
                bad("bad country", "country: US}", "country: USA}", "recipient: {", "ISO 3166 alpha-2"),
                bad("missing purpose", "  purpose: marketing analytics\n", "", "  name: test-share", "missing required key 'purpose'"),
                bad("unknown dataset", "dataset: customers", "dataset: payroll", "dataset: payroll", "dataset 'payroll' is not in the catalog"),
                bad("unknown consent dataset", "consent: {dataset: consents", "consent: {dataset: consent", "consent: {dataset: consent",
                        "dataset 'consent' is not in the catalog"),
                bad("filter on an unknown column", "where: {marketing_opt_in: true}", "where: {opted_in: true}", "where: {opted_in",
                        "has no column 'opted_in' to filter on"),
                bad("filter value of the wrong type", "where: {marketing_opt_in: true}", "where: {marketing_opt_in: perhaps}",
                        "where: {marketing_opt_in: perhaps}", "expected true or false"),
                bad("core column kept without override", "- {column: gender, transform: keep}", "- {column: resident_id, transform: keep}",
                        "- {column: resident_id", "cannot leave unchanged"),
                bad("direct identifier kept without override", "- {column: gender, transform: keep}", "- {column: name, transform: keep}",
                        "- {column: name", "tagged direct-identifier"),
                bad("override where none is needed", "- {column: gender, transform: keep}",
                        "- {column: gender, transform: keep, override: {reason: because}}", "override: {reason", "needs none"),
                bad("foreign recipient without a legal basis",
                        "  cross-border: {legal-basis: standard-contract, basis-reference: SCC-SH-2026-0072, pia-reference: PIA-2025-011}\n", "",
                        "recipient: {", "add a 'cross-border' section"),
                bad("unknown legal basis", "legal-basis: standard-contract", "legal-basis: handshake", "legal-basis: handshake",
                        "unknown legal basis 'handshake'"),
                bad("no impact assessment", ", pia-reference: PIA-2025-011}", "}", "cross-border: {", "missing required key 'pia-reference'"),
                bad("cross-border section for a domestic recipient", "country: US}", "country: CN}", "cross-border: {",
                        "not a cross-border transfer"),
                bad("unknown transform", "transform: date-shift}", "transform: hash}", "transform: hash}", "unknown transform 'hash'"),
                bad("typo in a key", "  approval: SR-2026-0117", "  aproval: SR-2026-0117", "  aproval", "unknown key 'aproval'"),
                bad("quasi-identifier exported but not checked", "quasi-identifiers: [gender, age_band]", "quasi-identifiers: [age_band]",
                        "quasi-identifiers: [age_band]", "output column 'gender' comes from customers.gender"),
                bad("quasi-identifier that is not an output column", "quasi-identifiers: [gender, age_band]",
                        "quasi-identifiers: [gender, age_band, birth_date]", "quasi-identifiers", "'birth_date' is not an output column"),
                bad("k below 2", "k: 5", "k: 1", "k: 1", "k must be at least 2"),
                bad("suppression of everything", "max-suppression: 5%", "max-suppression: 100%", "max-suppression: 100%", "below 100%"),
                bad("date-shift without a range", "  date-shift: {max-days: 30}\n", "", "transform: date-shift}", "needs the range of the shift"),
                bad("same output name twice", "as: age_band,", "as: gender,", "as: gender", "appears twice"),
                bad("missing privacy section", "  privacy:\n    quasi-identifiers: [gender, age_band]\n    k: 5\n    max-suppression: 5%\n", "",
                        "  name: test-share", "missing required key 'privacy'"));
    }

    static Arguments bad(String name, String find, String replace, String lineWith, String message) {
        return Arguments.of(name, (UnaryOperator<String>) s -> {
            if (!s.contains(find)) {
                throw new IllegalStateException("test case '" + name + "' does not apply: no '" + find + "'");
            }
            return s.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace));
        }, lineWith, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPolicies")
    void badPoliciesAreRejectedWithFileLineAndColumn(String name, UnaryOperator<String> edit, String lineWith, String message) throws Exception {
        String text = edit.apply(GOOD);
        int line = lineOf(text, lineWith);
        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(jobFile + ":" + line + ":")
                .hasMessageMatching("(?s)^[^:]+:\\d+:\\d+: .*")
                .hasMessageContaining(message);
    }

    static int lineOf(String text, String snippet) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet.strip())) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no line with '" + snippet + "'");
    }
}
