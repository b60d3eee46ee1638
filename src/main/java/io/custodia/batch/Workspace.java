package io.custodia.batch;

import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.ReportWriter;
import org.springframework.stereotype.Component;

/** The directories a run writes to, and the evidence tools bound to them. */
@Component
public class Workspace {
    private final CustodiaProperties properties;
    private final KeyDirectory keys;
    private final EvidenceLedger ledger;
    private final ReportWriter reports;

    public Workspace(CustodiaProperties properties) {
        this.properties = properties;
        this.keys = new KeyDirectory(properties.keysDir().toAbsolutePath());
        this.ledger = new EvidenceLedger(properties.evidenceDir().toAbsolutePath());
        this.reports = new ReportWriter(properties.reportsDir().toAbsolutePath());
    }

    public CustodiaProperties properties() {
        return properties;
    }

    public KeyDirectory keys() {
        return keys;
    }

    public EvidenceLedger ledger() {
        return ledger;
    }

    public ReportWriter reports() {
        return reports;
    }
}
