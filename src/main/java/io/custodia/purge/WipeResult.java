package io.custodia.purge;

import java.util.List;

/**
 * What an in-place overwrite did to one file: the passes written (each forced to disk), the bytes
 * per pass, and how the last pass was read back and compared.
 *
 * @param readBack       {@code O_DIRECT} (from the device, bypassing the page cache) or {@code page cache}
 *                       when the filesystem refuses direct I/O
 * @param lastPassSha256 SHA-256 of the bytes the last (random) pass wrote — equal to the SHA-256 of
 *                       what was read back when {@code verified}
 */
public record WipeResult(List<String> passes, long bytes, boolean verified, String readBack, String verification, String lastPassSha256) {
}
