package io.custodia.purge;

/**
 * Where a file lives, as far as sanitization is concerned: the filesystem scheme and type, the
 * mount point and options (local only), and whether an overwrite through the filesystem reaches the
 * blocks that held the data.
 */
public record Medium(String scheme, String type, String mountPoint, String mountOptions, boolean overwritesInPlace, String caveat) {
}
