package io.custodia.crossborder;

import io.custodia.crypto.SignatureVerifier;
import io.custodia.evidence.CrossBorderTransfer;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.LedgerEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The share job's record of exports to recipients abroad: {@code crossborder.transfer} entries in
 * the signed evidence ledger (which must verify, or reconcile stops). Each names the export's id and
 * object; reconcile matches it to the ledger row with that transfer id, else that object.
 */
record ShareEvidence(CrossBorderTransfer transfer, String location) {

    static List<ShareEvidence> read(EvidenceLedger ledger, SignatureVerifier verifier) {
        List<ShareEvidence> out = new ArrayList<>();
        for (LedgerEntry e : ledger.entriesOfType(verifier, EntryTypes.CROSS_BORDER_TRANSFER)) {
            out.add(new ShareEvidence(CrossBorderTransfer.fromBody(e.body()),
                    ledger.file().getFileName() + ":" + e.line() + " (entry " + e.seq() + ")"));
        }
        return out;
    }
}
