package io.custodia.purge;

import io.custodia.crypto.SignatureVerifier;
import io.custodia.evidence.EvidenceLedger;
import java.util.Optional;

/** Finds a plan's named approval in the (verified) evidence ledger. */
final class Approvals {
    private Approvals() {
    }

    static Optional<Approval> find(EvidenceLedger ledger, SignatureVerifier verifier, String planId, String planSha256) {
        return ledger.entriesOfType(verifier, Approval.ENTRY_TYPE).stream()
                .map(e -> Approval.fromBody(e.body()))
                .filter(a -> a.plan().equals(planId) && a.planSha256().equals(planSha256))
                .findFirst();
    }
}
