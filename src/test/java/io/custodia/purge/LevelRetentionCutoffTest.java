package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.DatasetRole;
import io.custodia.catalog.Level;
import io.custodia.catalog.RetentionRule;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link LevelRetention#expiredMask} compares day numbers with a cutoff computed once per run date;
 * it must say exactly what the definition says, "run date on or after anchor (UTC day) + keep", for
 * every anchor: month ends, 29 February, timestamps either side of midnight UTC, before 1970.
 */
class LevelRetentionCutoffTest {
    static final List<Period> PERIODS = List.of(Period.ofDays(30), Period.ofMonths(6), Period.ofMonths(1), Period.ofYears(5),
            Period.parse("P1Y2M3D"), Period.ofYears(1), Period.ZERO, Period.parse("P1M-1D"));
    /** 2023-03-28 with P1M-1D: there runDate - keep is past the cutoff, which must step back to it. */
    static final List<LocalDate> RUN_DATES = List.of(LocalDate.of(2026, 11, 25), LocalDate.of(2024, 2, 29), LocalDate.of(2025, 2, 28),
            LocalDate.of(2026, 3, 31), LocalDate.of(2024, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2023, 3, 28));
    static final LocalDate FIRST_ANCHOR = LocalDate.of(1963, 1, 1);
    static final LocalDate LAST_ANCHOR = LocalDate.of(2030, 12, 31);

    /** The date anchor's rule is the important level's, the timestamp anchor's the core level's. */
    static LevelRetention retention(Period keep) {
        Dataset ds = new Dataset("t", "", DatasetRole.DATA, URI.create("file:///t"), DataFormat.PARQUET, "id", null, List.of(
                new Column("id", ColumnType.STRING, Level.GENERAL, Set.of(), true),
                new Column("day", ColumnType.DATE, Level.IMPORTANT, Set.of(), false),
                new Column("at", ColumnType.TIMESTAMP, Level.CORE, Set.of(), false)),
                List.of(new RetentionRule(Level.IMPORTANT, keep, "day"), new RetentionRule(Level.CORE, keep, "at")), "test");
        return new LevelRetention(ds);
    }

    static boolean expiredByDefinition(LocalDate anchor, Period keep, LocalDate runDate) {
        return !runDate.isBefore(anchor.plus(keep));
    }

    @Test
    void everyAnchorDayExpiresExactlyAsAnchorPlusKeepSays() {
        int important = 1 << Level.IMPORTANT.ordinal();
        int core = 1 << Level.CORE.ordinal();
        List<String> wrong = new ArrayList<>();
        for (Period keep : PERIODS) {
            LevelRetention retention = retention(keep);
            Row row = RowSchema.ofColumns(retention.dataset().columns()).newRow();
            for (LocalDate run : RUN_DATES) {
                long expired = 0;
                long kept = 0;
                for (LocalDate d = FIRST_ANCHOR; !d.isAfter(LAST_ANCHOR); d = d.plusDays(1)) {
                    Instant midnight = d.atStartOfDay().toInstant(ZoneOffset.UTC);
                    for (Instant at : List.of(midnight, midnight.minusNanos(1), midnight.plusSeconds(86399).plusNanos(999_999_999))) {
                        row.set(1, d);
                        row.set(2, at);
                        int mask = retention.expiredMask(row, run);
                        if (((mask & important) != 0) != expiredByDefinition(d, keep, run)) {
                            wrong.add(keep + " on " + run + " from date " + d);
                        }
                        if (((mask & core) != 0) != expiredByDefinition(LocalDate.ofInstant(at, ZoneOffset.UTC), keep, run)) {
                            wrong.add(keep + " on " + run + " from timestamp " + at);
                        }
                        if ((mask & core) != 0) {
                            expired++;
                        } else {
                            kept++;
                        }
                    }
                }
                // the cutoff lies inside the range, so both sides of it were checked
                assertThat(expired).as(keep + " on " + run).isPositive();
                assertThat(kept).as(keep + " on " + run).isPositive();
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCutoffIsTheLastDayWhosePeriodHasEndedNotRunDateMinusKeep() {
        assertThat(LevelRetention.lastExpired(LocalDate.of(2026, 2, 28), Period.ofMonths(1))).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(LevelRetention.lastExpired(LocalDate.of(2025, 2, 28), Period.ofYears(1))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(LevelRetention.lastExpired(LocalDate.of(2024, 2, 29), Period.ofYears(1))).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThat(LevelRetention.lastExpired(LocalDate.of(2026, 11, 25), Period.ofDays(30))).isEqualTo(LocalDate.of(2026, 10, 26));
    }

    @Test
    void aNullAnchorNeverExpires() {
        LevelRetention retention = retention(Period.ZERO);
        Row row = RowSchema.ofColumns(retention.dataset().columns()).newRow();
        assertThat(retention.expiredMask(row, LocalDate.of(2026, 11, 25))).isZero();
    }

    @Test
    void aNewRunDateGetsItsOwnCutoffs() {
        LevelRetention retention = retention(Period.ofYears(1));
        Row row = RowSchema.ofColumns(retention.dataset().columns()).newRow();
        row.set(1, LocalDate.of(2025, 6, 1));
        assertThat(retention.expiredMask(row, LocalDate.of(2026, 5, 31))).isZero();
        assertThat(retention.expiredMask(row, LocalDate.of(2026, 6, 1))).isEqualTo(1 << Level.IMPORTANT.ordinal());
        assertThat(retention.expiredMask(row, LocalDate.of(2026, 5, 31))).isZero();
    }
}
