package io.custodia.backup.retention;

/**
 * What destroying one object achieved, as the destruction certificate states it.
 *
 * @param headerBytes     bytes of the age header overwritten in place (0 where the filesystem cannot overwrite)
 * @param passes          full overwrite passes done after the header erase
 * @param verified        the read-back of the last overwrite (and of the header erase) matched what was written
 * @param decryptionCheck why decryption now fails, as checked after the erase
 */
public record ErasureOutcome(String object, long bytes, String filesystem, String method, int headerBytes, int passes, boolean verified,
        String decryptionCheck, boolean deleted) {
}
