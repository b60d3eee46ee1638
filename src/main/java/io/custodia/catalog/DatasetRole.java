package io.custodia.catalog;

/**
 * What a dataset is for. Business data is what the policy protects; the other roles are the
 * inputs the jobs act on (erasure requests, legal holds, the declared cross-border ledger, egress logs).
 */
public enum DatasetRole {
    DATA, ERASURE_REQUESTS, LEGAL_HOLDS, TRANSFER_LEDGER, EGRESS_LOG;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
