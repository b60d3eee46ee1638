package io.custodia.backup.restore;

import java.net.URI;
import java.nio.file.Path;

/**
 * What to restore: set {@code set} (or {@code latest}) from the backup destination {@code from}
 * into the empty location {@code to}, decrypting with {@code identity}. {@code catalog} (optional)
 * is the live catalog whose erasure-requests and legal-holds datasets are consulted.
 */
public record RestoreRequest(URI from, String set, URI to, Path identity, Path catalog) {
}
