package io.custodia.crossborder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One declared transfer from the transfer ledger (seed 002 §15), with where it was read
 * ({@code location}: file:line). Values the row does not hold, or that could not be read, are null;
 * {@code unreadable} names the columns whose text could not be parsed. No personal value: the
 * ledger holds counts, parties, references and dates.
 */
record LedgerRow(int index, String location, String transferId, Instant transferredAt, String legalEntity, String recipient,
        String recipientCountry, String purpose, String dataCategories, Boolean sensitive, Long records, Long individuals,
        String channel, String object, String legalBasis, String exemptionKind, String basisReference, LocalDate basisEffectiveOn,
        LocalDate basisFiledOn, LocalDate basisExpiresOn, String consentReference, String piaReference, Long bytes,
        List<String> unreadable) {

    LedgerRow {
        unreadable = List.copyOf(unreadable);
    }

    LocalDate date(ZoneId zone) {
        return transferredAt == null ? null : LocalDate.ofInstant(transferredAt, zone);
    }

    /** Usable for matching: it has an id, a time and an object. */
    boolean matchable() {
        return transferId != null && transferredAt != null && object != null;
    }

    /** The columns seed 002 §15 asks the ledger to hold (data type, quantity, recipient, purpose, time) that are empty here. */
    List<String> missing() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        add(out, "transfer_id", transferId);
        add(out, "transferred_at", transferredAt);
        add(out, "recipient", recipient);
        add(out, "recipient_country", recipientCountry);
        add(out, "purpose", purpose);
        add(out, "data_categories", dataCategories);
        add(out, "sensitive", sensitive);
        add(out, "records", records);
        add(out, "individuals", individuals);
        add(out, "object", object);
        out.removeAll(unreadable);
        return out;
    }

    private static void add(List<String> out, String column, Object value) {
        if (value == null) {
            out.add(column);
        }
    }

    String idOrLocation() {
        return transferId != null ? transferId : location;
    }
}
