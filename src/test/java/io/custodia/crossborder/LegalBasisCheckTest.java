package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legal-basis dates against cac-2024: effective, expiry capped by the rule set's validity, filing deadlines. */
class LegalBasisCheckTest {
    static final RuleSet RULES = RuleSetLoader.builtIn("cac-2024");
    static final LocalDate RUN = LocalDate.of(2026, 11, 25);

    static LedgerRow row(String basis, String kind, String effective, String filed, String expires) {
        return new LedgerRow(0, "l.csv:2", "T", Instant.parse("2026-06-01T00:00:00Z"), "E", "R", "US", "p", "c", false, 1L, 1L, "api", "o",
                basis, kind, "REF-1", effective == null ? null : LocalDate.parse(effective), filed == null ? null : LocalDate.parse(filed),
                expires == null ? null : LocalDate.parse(expires), null, null, null, List.of());
    }

    static List<String> check(LedgerRow r, String date) {
        return LegalBasisCheck.check(r, RULES, LocalDate.parse(date), RUN).stream().map(p -> p.kind().label() + ": " + p.detail()).toList();
    }

    @Test
    void anAssessmentIsValidForThreeYearsWhateverTheLedgerSays() {
        LedgerRow r = row("security-assessment", null, "2023-04-10", null, "2027-12-31");
        assertThat(check(r, "2026-04-09")).isEmpty();
        assertThat(check(r, "2026-04-10")).containsExactly("basis-expired: security-assessment REF-1 is valid for 3 years from 2023-04-10, "
                + "so until 2026-04-09 (the ledger says 2027-12-31), before the transfer on 2026-04-10");
    }

    @Test
    void effectiveAndExpiryDatesAreInclusive() {
        LedgerRow r = row("certification", null, "2026-01-15", null, "2026-12-31");
        assertThat(check(r, "2026-01-14")).singleElement().asString().startsWith("basis-not-yet-effective: certification REF-1 takes effect 2026-01-15");
        assertThat(check(r, "2026-01-15")).isEmpty();
        assertThat(check(r, "2026-12-31")).isEmpty();
        assertThat(check(r, "2027-01-01")).singleElement().asString().startsWith("basis-expired: certification REF-1 expires 2026-12-31");
    }

    @Test
    void aStandardContractIsFiledWithinTenWorkingDays() {
        // 2026-06-01 is a Monday; the tenth working day after it is Monday 2026-06-15
        assertThat(check(row("standard-contract", null, "2026-06-01", "2026-06-15", "2029-05-31"), "2026-07-01")).isEmpty();
        assertThat(check(row("standard-contract", null, "2026-06-01", "2026-06-16", "2029-05-31"), "2026-07-01")).containsExactly(
                "filed-late: standard-contract REF-1 took effect 2026-06-01 and was filed 2026-06-16, 11 working days later; "
                        + "due within 10 working days, by 2026-06-15");
        // not filed: late only once the deadline has passed by the run date
        assertThat(LegalBasisCheck.check(row("standard-contract", null, "2026-11-20", null, "2029-05-31"), RULES, LocalDate.parse("2026-11-23"), RUN))
                .isEmpty();
        assertThat(check(row("standard-contract", null, "2026-09-01", null, "2029-08-31"), "2026-10-01")).singleElement().asString()
                .startsWith("not-filed: standard-contract REF-1 took effect 2026-09-01; no basis_filed_on although filing was due by 2026-09-15");
    }

    @Test
    void missingOrUnknownBases() {
        assertThat(check(row(null, null, null, null, null), "2026-06-01")).singleElement().asString().startsWith("basis-missing: no legal_basis");
        assertThat(check(row("exemption", null, null, null, null), "2026-06-01")).singleElement().asString()
                .startsWith("basis-missing: legal_basis is exemption but exemption_kind is empty");
        assertThat(check(row("exemption", "friendship", null, null, null), "2026-06-01")).singleElement().asString()
                .startsWith("basis-unknown: exemption kind 'friendship' is not in cac-2024");
        assertThat(check(row("binding-corporate-rules", null, "2026-01-01", null, null), "2026-06-01")).singleElement().asString()
                .startsWith("basis-unknown: legal basis 'binding-corporate-rules' is not in cac-2024");
        assertThat(check(row("standard-contract", null, null, null, null), "2026-06-01")).singleElement().asString()
                .startsWith("basis-missing: cites standard-contract REF-1 but no basis_effective_on");
        assertThat(check(row("exemption", "contract-performance", null, null, null), "2026-06-01")).isEmpty();
    }
}
