package io.custodia.evidence;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One verified line of the evidence ledger: its sequence number, time, type (see {@link EntryTypes}),
 * the body (never a raw personal value) and the SHA-256 of the line itself, which the next entry chains to.
 */
public record LedgerEntry(long seq, Instant time, String type, JsonNode body, String hash, int line) {
}
