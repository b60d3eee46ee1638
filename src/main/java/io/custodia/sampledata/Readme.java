package io.custodia.sampledata;

import io.custodia.sampledata.CrossBorder.Basis;
import io.custodia.sampledata.CrossBorder.Finding;
import io.custodia.sampledata.CrossBorder.Outcome;
import io.custodia.sampledata.CrossBorder.Transfer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@code README.md} for a generated sample: generated, so it always matches the data. */
final class Readme {
    private Readme() {
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static String share(double s) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * s);
    }

    private static String orDash(Object o) {
        return o == null ? "—" : o.toString();
    }

    static String render(SampleDataGenerator.Options o, Map<String, Long> rows, SampleDataGenerator.Tally t,
            List<Transfer> plan, CrossBorder.Result xb) {
        long customers = o.customers();
        StringBuilder b = new StringBuilder(16_384);
        b.append("# Sample data: Harbourline Cross-Border Trading Co.\n\n");
        b.append("""
                A synthetic cross-border e-commerce company for trying Custodia's jobs on. Every person, \
                number and address in it is invented; identifiers are only *structurally* valid (check \
                digits, real region codes and carrier prefixes) so that validators and inventories treat \
                them like the real thing.

                **This file is generated** together with the data; change `io.custodia.sampledata` rather \
                than editing it. The output is a pure function of the options below: the same options give \
                byte-identical files (Parquet included).

                """);
        b.append("| option | value |\n| --- | --- |\n");
        b.append("| customers | ").append(n(customers)).append(" |\n");
        b.append("| seed | ").append(o.seed()).append(" |\n");
        b.append("| as of | ").append(o.asOf()).append(" (all timestamps are UTC and before this day) |\n");
        b.append("| rows per Parquet file | ").append(n(o.rowsPerFile())).append(" |\n\n");
        b.append("Regenerate with `./custodia sample-data --customers ").append(customers).append(" --seed ").append(o.seed())
                .append(" --out sample-data`, or from Java: `new SampleDataGenerator(new SampleDataGenerator.Options(")
                .append(customers).append("L, ").append(o.seed()).append("L, Path.of(\"sample-data\"))).generate()`.\n\n");

        b.append("## Datasets\n\n`catalog.yaml` declares them (columns, levels, tags, retention). It is a copy of the ")
                .append("classpath resource `io/custodia/sampledata/catalog.yaml`.\n\n");
        b.append("| dataset | rows |\n| --- | ---: |\n");
        rows.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(n(v)).append(" |\n"));
        b.append('\n');

        b.append("## Customers and what purge and inventory should meet\n\n");
        b.append("- ").append(n(t.cnNationals)).append(" customers (").append(pct(t.cnNationals, customers))
                .append(") are Chinese nationals: names in Chinese characters, 18-character resident ID numbers (region code ")
                .append("of the home district, birth date equal to `birth_date`, odd sequence for men and even for women, ")
                .append("GB 11643 / ISO 7064 MOD 11-2 check character), +86 mobile numbers (`1[3-9]` and 9 digits, real ")
                .append("carrier prefixes). The others hold US, GB, DE, JP, KR, SG, AU, FR, CA or MY passports ")
                .append("(`passport_no`; `resident_id` is empty); about half of them live in China (+86 mobile, Chinese ")
                .append("address), the rest abroad (local phone format and address).\n");
        b.append("- ").append(n(t.closed)).append(" accounts (").append(pct(t.closed, customers))
                .append(") are closed, the closing dates spread over the last 8 years: the 3-year rules of `customers` ")
                .append("have expired for those closed before ").append(o.asOf().minusYears(3)).append(", and for ")
                .append(n(t.retentionExpiredCore)).append(" closed more than 5 years ago every rule has expired.\n");
        b.append("- ").append(n(t.optIn)).append(" customers opted in to marketing. Orders carry Luhn-valid 16-digit card ")
                .append("numbers (UnionPay 622202/622848/621700/622588, Visa 4…, Mastercard 5…). Orders older than 5 years ")
                .append("and events older than 1 year fall under their retention rules.\n");
        b.append("- Enquiries: ").append(n(t.enquiryComments)).append(" comments, of which ").append(n(t.leakedComments))
                .append(" (").append(pct(t.leakedComments, t.enquiryComments)).append(") contain the customer's own mobile ")
                .append("number or e-mail address in free text, although `comment` is declared `general` with no tags: an ")
                .append("inventory must flag the column.\n");
        b.append("- Erasure requests: ").append(n(t.erasureApproved)).append(" approved, ").append(n(t.erasurePending))
                .append(" pending (about 1 % of customers; channels app, email, phone).\n");
        b.append("- Legal holds: ").append(n(t.holdsActive)).append(" held until a future date, ").append(n(t.holdsOpenEnded))
                .append(" open-ended (`held_until` empty), ").append(n(t.holdsExpired)).append(" expired (`held_until` in ")
                .append("the past: no longer binding). Among the customers under a binding hold, ").append(n(t.heldWithErasure))
                .append(" also have an erasure request and ").append(n(t.heldWithExpiredRetention))
                .append(" were closed more than 5 years ago: purge must skip them and say why.\n\n");

        b.append("## Cross-border transfers\n\n");
        b.append("Two legal entities send data abroad: **").append(CrossBorder.SHANGHAI).append("** (analytics, payments, ")
                .append("customer service) and **").append(CrossBorder.SHENZHEN).append("** (parcel logistics). The calendar ")
                .append("runs from November 2025 to October 2026 and is fixed (only the volumes and the people depend on the ")
                .append("options). `transfer_ledger.csv` is what the company declared; `egress/egress-YYYY-MM.jsonl` is the ")
                .append("egress gateway's log of what actually left, one line per record, in time order.\n\n");
        b.append("""
                - A ledger row and its evidence share the `object` name; the ledger's `records` is the number of \
                egress lines with that object and `individuals` the number of distinct `subject_hash` values among \
                them (a person can appear in several records of one transfer). Egress lines start within a minute \
                of `transferred_at` and end within a few hours.
                - `subject_hash` = lowercase hex HMAC-SHA-256 of the UTF-8 `customer_id` under the gateway key \
                **key = SHA-256(UTF-8 "custodia-sample-gateway-key:" + seed in decimal)** (32 bytes). With the key, \
                anyone can map hashes back to `customers`; without it they only count and join.
                - `remote_access` is true exactly for `remote-query` lines (an overseas party querying the CRM \
                in place); remote access is a cross-border provision and must be declared like a file transfer.
                - Consent and impact-assessment references name the separate-consent text (`SC-TEXT-XB-v3`; the \
                individual consents are the `cross-border` rows of `consents`, references `SC-YYYY-NNNNNN`) and the \
                assessment report (`PIA-YYYY-NNN`).

                """);

        b.append("### Approved recipients (the reconcile job file should carry this list)\n\n");
        b.append("| recipient | country | approved purposes |\n| --- | --- | --- |\n");
        for (CrossBorder.Recipient r : CrossBorder.APPROVED) {
            b.append("| ").append(r.name()).append(" | ").append(r.country()).append(" | ")
                    .append(String.join("; ", r.approvedPurposes())).append(" |\n");
        }
        b.append('\n');

        b.append("### Legal bases cited in the ledger\n\n");
        b.append("| reference | basis | exemption | effective | filed | expires |\n| --- | --- | --- | --- | --- | --- |\n");
        Map<String, Basis> bases = new LinkedHashMap<>();
        for (Transfer tr : plan) {
            if (tr.declared() && tr.basis().reference() != null) {
                bases.putIfAbsent(tr.basis().reference(), tr.basis());
            }
        }
        for (Basis ba : bases.values()) {
            b.append("| ").append(ba.reference()).append(" | ").append(ba.kind()).append(" | ").append(orDash(ba.exemptionKind()))
                    .append(" | ").append(orDash(ba.effectiveOn())).append(" | ").append(orDash(ba.filedOn())).append(" | ")
                    .append(orDash(ba.expiresOn())).append(" |\n");
        }
        b.append("\nStandard contracts filed on time were filed at most 5 working days after taking effect; the certification ")
                .append("has no filing date.\n\n");

        b.append("### Planted discrepancies\n\nEach sits on its own transfer; every other ledger row is matched. Records and ")
                .append("individuals are what the egress log holds (for the unlogged transfer: what the ledger declares).\n\n");
        b.append("| transfer | date (UTC) | recipient | object | expected finding | what is wrong | records | individuals |\n");
        b.append("| --- | --- | --- | --- | --- | --- | ---: | ---: |\n");
        List<Outcome> matched = new ArrayList<>();
        for (Outcome oc : xb.outcomes()) {
            Transfer tr = oc.transfer();
            if (tr.finding() == Finding.MATCHED) {
                matched.add(oc);
                continue;
            }
            String detail = tr.finding().explanation;
            if (tr.finding() == Finding.QUANTITY_MISMATCH) {
                detail += ": ledger " + n(oc.ledgerRecords()) + " records, evidence " + n(oc.records());
            } else if (tr.finding() == Finding.BASIS_EXPIRED || tr.finding() == Finding.BASIS_NOT_YET_EFFECTIVE
                    || tr.finding() == Finding.FILED_LATE) {
                Basis ba = tr.basis();
                detail += " (" + ba.reference() + ": effective " + ba.effectiveOn() + ", filed " + orDash(ba.filedOn())
                        + ", expires " + orDash(ba.expiresOn()) + ")";
            } else if (tr.finding() == Finding.PURPOSE_NOT_APPROVED) {
                detail += " (\"" + tr.purpose() + "\")";
            }
            b.append("| ").append(tr.id() == null ? "— (not in ledger)" : tr.id()).append(" | ")
                    .append(tr.at().atZone(ZoneOffset.UTC).toLocalDate()).append(" | ").append(tr.recipient().name())
                    .append(" (").append(tr.recipient().country()).append(") | `").append(tr.object()).append("` | ")
                    .append(tr.finding().label).append(" | ").append(detail).append(" | ").append(n(oc.records()))
                    .append(" | ").append(n(oc.individuals())).append(" |\n");
        }
        b.append("\n### Matched transfers (").append(matched.size()).append(")\n\n");
        Map<String, List<String>> byFlow = new LinkedHashMap<>();
        for (Outcome oc : matched) {
            Transfer tr = oc.transfer();
            byFlow.computeIfAbsent(tr.recipient().name() + ", " + tr.purpose(), k -> new ArrayList<>()).add(tr.id());
        }
        byFlow.forEach((flow, ids) -> b.append("- ").append(flow).append(": ").append(String.join(", ", ids)).append('\n'));
        b.append('\n');

        b.append("### Volumes against the CAC thresholds\n\n");
        b.append("Distinct individuals per legal entity and calendar year over the declared transfers that left ")
                .append("(egress evidence), sensitive and non-sensitive apart:\n\n");
        b.append("| legal entity | year | sensitive | distinct individuals | of 10,000 |\n| --- | --- | --- | ---: | ---: |\n");
        for (CrossBorder.Volume v : xb.volumes()) {
            b.append("| ").append(v.entity()).append(" | ").append(v.year()).append(" | ").append(v.sensitive() ? "yes" : "no")
                    .append(" | ").append(n(v.individuals())).append(" | ")
                    .append(v.sensitive() ? pct(v.individuals(), CrossBorder.SENSITIVE_THRESHOLD) : "").append(" |\n");
        }
        b.append('\n');
        b.append("The sensitive transfers (card numbers to Nordlicht Payments) are sized against the legal threshold, ")
                .append("which does not grow with the company: the Shanghai entity's 2026 fraud-screening transfers are meant ")
                .append("to reach ").append(n(CrossBorder.SENSITIVE_TARGET)).append(" distinct individuals (")
                .append(pct(CrossBorder.SENSITIVE_TARGET, CrossBorder.SENSITIVE_THRESHOLD))
                .append(" of the 10,000 at which a security assessment becomes mandatory, inside an early-warning band ")
                .append("of 80–95 %) whatever the number of customers; with fewer than about ")
                .append(n(xb.customersForTarget())).append(" customers there are not enough eligible people and the figure ")
                .append("is smaller. Here the set holds ").append(n(xb.sensitiveSetSize())).append(" people (")
                .append(pct(xb.sensitiveSetSize(), CrossBorder.SENSITIVE_THRESHOLD)).append(" of 10,000), every one of ")
                .append("them screened at least once in 2026")
                .append(". The monthly payment-settlement transfers draw from the same people, so counting them too ")
                .append("does not change the figure. Non-sensitive volumes scale with customers: each parcel manifest ")
                .append(share(CrossBorder.LOGISTICS_SHARE)).append(" of customers, each monthly Atlas feed ")
                .append(share(CrossBorder.MARKETING_SHARE)).append(" (opted-in customers only), each monthly Kestrel session ")
                .append(share(CrossBorder.SERVICE_SHARE)).append(", one-off exports ").append(share(CrossBorder.SMALL_ONE_OFF_SHARE))
                .append(" to ").append(share(CrossBorder.ONE_OFF_SHARE)).append(" (at least 3 to 5 people each). ")
                .append("Only people with an open account (and, where consent is the basis, a ")
                .append("cross-border separate consent in force) on the transfer date are sent.\n");
        return b.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }
}
