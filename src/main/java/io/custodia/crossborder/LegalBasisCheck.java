package io.custodia.crossborder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a ledger row's legal basis held on the transfer date: present, known to the rule set, in
 * effect (not before it took effect, not after it expired — the earlier of the ledger's expiry and
 * the rule set's validity, e.g. 3 years for a security assessment), and, for a standard contract,
 * filed within the rule set's working days of taking effect.
 */
final class LegalBasisCheck {
    private LegalBasisCheck() {
    }

    /** (kind, detail) pairs for one row; the caller adds where. */
    record Problem(FindingKind kind, String detail) {
    }

    static List<Problem> check(LedgerRow r, RuleSet rules, LocalDate transferDate, LocalDate runDate) {
        List<Problem> out = new ArrayList<>();
        String basis = r.legalBasis();
        if (basis == null) {
            out.add(new Problem(FindingKind.BASIS_MISSING, "no legal_basis: the transfer names no security assessment, standard contract, "
                    + "certification or exemption"));
            return out;
        }
        if (basis.equals(RuleSet.EXEMPTION)) {
            if (r.exemptionKind() == null) {
                out.add(new Problem(FindingKind.BASIS_MISSING, "legal_basis is exemption but exemption_kind is empty; " + rules.name()
                        + " knows " + String.join(", ", rules.exemptions().keySet())));
                return out;
            }
            RuleSet.Exemption e = rules.exemptions().get(r.exemptionKind());
            if (e == null) {
                out.add(new Problem(FindingKind.BASIS_UNKNOWN, "exemption kind '" + r.exemptionKind() + "' is not in " + rules.name()
                        + " (it knows " + String.join(", ", rules.exemptions().keySet()) + ")"));
                return out;
            }
            dates(r, transferDate, null, out);
            return out;
        }
        RuleSet.Mechanism m = rules.mechanisms().get(basis);
        if (m == null) {
            out.add(new Problem(FindingKind.BASIS_UNKNOWN, "legal basis '" + basis + "' is not in " + rules.name() + " (it knows "
                    + String.join(", ", rules.mechanisms().keySet()) + ", " + RuleSet.EXEMPTION + ")"));
            return out;
        }
        if (r.basisReference() == null) {
            out.add(new Problem(FindingKind.BASIS_MISSING, "cites " + basis + " but no basis_reference (filing, approval or certificate number)"));
        }
        if (r.basisEffectiveOn() == null) {
            out.add(new Problem(FindingKind.BASIS_MISSING, "cites " + basis + " " + ref(r) + "but no basis_effective_on: "
                    + "whether it was in effect on " + transferDate + " cannot be checked"));
            return out;
        }
        dates(r, transferDate, m, out);
        if (m.filingWithinWorkingDays() != null) {
            LocalDate deadline = rules.workingDays().plusWorkingDays(r.basisEffectiveOn(), m.filingWithinWorkingDays());
            if (r.basisFiledOn() == null) {
                if (runDate.isAfter(deadline)) {
                    out.add(new Problem(FindingKind.NOT_FILED, basis + " " + ref(r) + "took effect " + r.basisEffectiveOn()
                            + "; no basis_filed_on although filing was due by " + deadline + " (" + m.filingWithinWorkingDays()
                            + " working days)"));
                }
            } else if (r.basisFiledOn().isAfter(deadline)) {
                int late = rules.workingDays().workingDaysBetween(r.basisEffectiveOn(), r.basisFiledOn());
                out.add(new Problem(FindingKind.FILED_LATE, basis + " " + ref(r) + "took effect " + r.basisEffectiveOn() + " and was filed "
                        + r.basisFiledOn() + ", " + late + " working days later; due within " + m.filingWithinWorkingDays()
                        + " working days, by " + deadline));
            }
        }
        return out;
    }

    private static void dates(LedgerRow r, LocalDate date, RuleSet.Mechanism m, List<Problem> out) {
        String what = (r.legalBasis().equals(RuleSet.EXEMPTION) ? "exemption " + r.exemptionKind() : r.legalBasis()) + " " + ref(r);
        if (r.basisEffectiveOn() != null && date.isBefore(r.basisEffectiveOn())) {
            out.add(new Problem(FindingKind.BASIS_NOT_YET_EFFECTIVE, what + "takes effect " + r.basisEffectiveOn()
                    + ", after the transfer on " + date));
            return;
        }
        LocalDate end = r.basisExpiresOn();
        String why = "expires " + end;
        if (m != null && m.validity() != null && r.basisEffectiveOn() != null) {
            LocalDate cap = r.basisEffectiveOn().plus(m.validity()).minusDays(1);
            if (end == null || cap.isBefore(end)) {
                end = cap;
                why = "is valid for " + RuleSet.describe(m.validity()) + " from " + r.basisEffectiveOn()
                        + ", so until " + cap + (r.basisExpiresOn() == null ? "" : " (the ledger says " + r.basisExpiresOn() + ")");
            }
        }
        if (end != null && date.isAfter(end)) {
            out.add(new Problem(FindingKind.BASIS_EXPIRED, what + why + ", before the transfer on " + date));
        }
    }

    private static String ref(LedgerRow r) {
        return r.basisReference() == null ? "" : r.basisReference() + " ";
    }
}
