package io.custodia.catalog;

import java.time.Period;

/**
 * Data of {@code level} is kept for {@code keep} counted from the date in {@code anchorColumn}
 * (e.g. {@code account_closed_at}); a null anchor means the clock has not started.
 */
public record RetentionRule(Level level, Period keep, String anchorColumn) {
}
