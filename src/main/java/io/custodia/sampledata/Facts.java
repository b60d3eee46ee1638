package io.custodia.sampledata;

/**
 * The attributes of one customer that other datasets depend on, each a pure function of
 * (seed, as-of, customer index): the customer stream and the cross-border generator compute the
 * same facts independently, so no per-customer list is ever held. Times are epoch seconds; -1 means
 * none.
 */
record Facts(
        long index,
        long registeredAt,
        long closedAt,
        boolean marketingOptIn,
        long crossBorderConsentAt,
        long crossBorderWithdrawnAt,
        boolean erasureRequested,
        HoldKind hold) {

    /** Why a customer is under legal hold, if at all; the kinds exist so purge meets conflicts. */
    enum HoldKind {
        NONE,
        /** Held and has an approved erasure request: purge must not erase. */
        ERASURE,
        /** Held and closed more than five years ago (all retention expired): purge must not destroy. */
        EXPIRED_RETENTION,
        /** Held, nothing else special. */
        PLAIN
    }

    static final long DAY = 86_400L;
    static final long YEAR = 31_557_600L; // 365.25 days

    private static final long S_CLOSED = 11;
    private static final long S_CLOSED_AT = 12;
    private static final long S_REGISTERED = 13;
    private static final long S_OPT_IN = 14;
    private static final long S_XB = 15;
    private static final long S_XB_AT = 16;
    private static final long S_XB_WITHDRAWN = 17;
    private static final long S_XB_WITHDRAWN_AT = 18;
    private static final long S_ERASURE = 19;
    private static final long S_HOLD = 20;
    private static final long S_HOLD_KIND = 21;

    static final double CLOSED_SHARE = 0.12;
    static final double OPT_IN_SHARE = 0.42;
    static final double CROSS_BORDER_CONSENT_SHARE = 0.985;
    static final double CROSS_BORDER_WITHDRAWN_SHARE = 0.01;
    static final double ERASURE_SHARE = 0.01;
    static final double HOLD_SHARE = 0.003;

    boolean closed() {
        return closedAt >= 0;
    }

    /** The customer has an account at time t (registered, not yet closed). */
    boolean activeAt(long t) {
        return registeredAt <= t && (closedAt < 0 || t < closedAt);
    }

    /** The cross-border separate consent (PIPL Art. 39) is in force at time t. */
    boolean crossBorderConsentAt(long t) {
        return crossBorderConsentAt >= 0 && crossBorderConsentAt <= t && (crossBorderWithdrawnAt < 0 || t < crossBorderWithdrawnAt);
    }

    /** Computes the facts of any customer from its index alone. */
    static final class Model {
        private final long seed;
        private final long asOf;
        private final long anchorErasure;
        private final long anchorExpired;
        private final long anchorPlain;

        /**
         * Besides the random holds (about 0.3 %), three customers at fixed fractions of the population
         * are always held, one of each kind, so that even a small sample has the conflicts purge must meet.
         */
        Model(long seed, long asOfEpochSecond, long customers) {
            this.seed = seed;
            this.asOf = asOfEpochSecond;
            this.anchorErasure = customers / 7;
            this.anchorExpired = customers * 3 / 7;
            this.anchorPlain = customers * 5 / 7;
        }

        long asOf() {
            return asOf;
        }

        Facts of(long i) {
            HoldKind hold = HoldKind.NONE;
            if (i == anchorErasure) {
                hold = HoldKind.ERASURE;
            } else if (i == anchorExpired) {
                hold = HoldKind.EXPIRED_RETENTION;
            } else if (i == anchorPlain) {
                hold = HoldKind.PLAIN;
            } else if (Mix.unit(seed, S_HOLD, i) < HOLD_SHARE) {
                double k = Mix.unit(seed, S_HOLD_KIND, i);
                hold = k < 0.4 ? HoldKind.ERASURE : k < 0.7 ? HoldKind.EXPIRED_RETENTION : HoldKind.PLAIN;
            }
            boolean closed = Mix.unit(seed, S_CLOSED, i) < CLOSED_SHARE || hold == HoldKind.EXPIRED_RETENTION;
            double uAt = Mix.unit(seed, S_CLOSED_AT, i);
            double uReg = Mix.unit(seed, S_REGISTERED, i);
            long closedAt = -1;
            long registeredAt;
            if (closed) {
                if (hold == HoldKind.EXPIRED_RETENTION) {
                    closedAt = asOf - 5 * YEAR - 30 * DAY - (long) (uAt * 900 * DAY);
                } else {
                    closedAt = asOf - 3600 - (long) (uAt * 8 * YEAR);
                }
                registeredAt = Math.max(asOf - 12 * YEAR, closedAt - 30 * DAY - (long) (uReg * (6 * YEAR - 30 * DAY)));
            } else {
                // A growing shop: registrations become more frequent towards the as-of date.
                registeredAt = asOf - DAY - (long) ((1 - Math.sqrt(uReg)) * (10 * YEAR - DAY));
            }
            boolean optIn = !closed && Mix.unit(seed, S_OPT_IN, i) < OPT_IN_SHARE;
            long xbAt = -1;
            long xbWithdrawn = -1;
            if (Mix.unit(seed, S_XB, i) < CROSS_BORDER_CONSENT_SHARE) {
                xbAt = registeredAt + 5 + (long) (Mix.unit(seed, S_XB_AT, i) * 600);
                if (Mix.unit(seed, S_XB_WITHDRAWN, i) < CROSS_BORDER_WITHDRAWN_SHARE) {
                    long end = closed ? closedAt : asOf;
                    xbWithdrawn = xbAt + 60 + (long) (Mix.unit(seed, S_XB_WITHDRAWN_AT, i) * Math.max(0, end - xbAt - 120));
                }
            }
            boolean erasure = hold == HoldKind.ERASURE || Mix.unit(seed, S_ERASURE, i) < ERASURE_SHARE;
            return new Facts(i, registeredAt, closedAt, optIn, xbAt, xbWithdrawn, erasure, hold);
        }
    }
}
