package io.custodia.backup.store;

import io.custodia.crypto.age.AgeRecipient;

/** A backup recipient as manifests record it: its public key (age1…, public) and short fingerprint. */
public record RecipientRef(String fingerprint, String recipient) {
    public static RecipientRef of(AgeRecipient r) {
        return new RecipientRef(r.fingerprint(), r.toString());
    }

    public AgeRecipient parse() {
        return AgeRecipient.parse(recipient);
    }
}
