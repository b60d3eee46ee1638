package io.custodia.share.transforms;

/**
 * Turns one source value into the value that leaves in an export. Instances are bound to keys and
 * to a run (see {@link TransformSpec#bind}); each partition of a run binds its own, so an instance
 * is used by one thread at a time.
 *
 * <p>A transform never puts a raw value into an exception message. Values it cannot handle (a
 * foreign phone number given to the mainland mobile FPE, an address without a province) become
 * null and are counted in {@link #rejected()}, unless its spec says to fail.
 */
public interface Transform {
    /**
     * @param value   the source value (Java type of the source column), possibly null
     * @param subject the row's subject key (customer id), or null when the dataset has none
     * @return the exported value, of the spec's output type, or null
     */
    Object apply(Object value, String subject);

    /** Non-null values this instance turned into null because it could not transform them. */
    default long rejected() {
        return 0;
    }
}
