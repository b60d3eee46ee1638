package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.backup.retention.KeepPolicy;
import io.custodia.backup.retention.RetentionPlanner;
import io.custodia.backup.retention.RetentionPlanner.Decision;
import io.custodia.backup.retention.RetentionPlanner.SetInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The keep policy against a year of nightly sets, with expectations computed by hand from the calendar. */
class RetentionPlannerTest {
    static List<SetInfo> nightly(LocalDate from, LocalDate to) {
        List<SetInfo> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(new SetInfo("s-" + d, d, d.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
        }
        return out;
    }

    static Set<String> kept(List<Decision> decisions) {
        return decisions.stream().filter(Decision::keep).map(Decision::set).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void dailyWeeklyMonthlyKeepTheNewestSetOfEachPeriod() {
        // 2026-01-01 .. 2026-11-25 (a Wednesday), one set per night
        List<Decision> d = RetentionPlanner.decide(nightly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 25)), new KeepPolicy(7, 4, 12));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 7; i++) {
            expected.add("s-" + LocalDate.of(2026, 11, 25).minusDays(i));            // 19..25 Nov
        }
        expected.addAll(List.of("s-2026-11-22", "s-2026-11-15", "s-2026-11-08"));  // Sundays ending ISO weeks 47, 46, 45 (week 48 is the 25th)
        for (int m = 1; m <= 10; m++) {
            expected.add("s-" + LocalDate.of(2026, m, 1).plusMonths(1).minusDays(1)); // last night of Jan..Oct; Nov is the 25th
        }
        assertThat(kept(d)).isEqualTo(expected);
        assertThat(d).hasSize(329);
        assertThat(d.getFirst().reasons()).containsExactly("newest set", "daily 2026-11-25", "weekly 2026-W48", "monthly 2026-11");
        assertThat(d.stream().filter(x -> x.set().equals("s-2026-03-31")).findFirst().orElseThrow().reasons()).containsExactly("monthly 2026-03");
    }

    @Test
    void severalSetsOnOneDayKeepOnlyTheNewestAndTheNewestIsAlwaysKept() {
        List<SetInfo> sets = List.of(
                new SetInfo("a", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T01:00:00Z")),
                new SetInfo("b", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T02:00:00Z")),
                new SetInfo("c", LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T02:00:00Z")));
        assertThat(kept(RetentionPlanner.decide(sets, new KeepPolicy(1, 0, 0)))).containsExactly("b");
        assertThat(kept(RetentionPlanner.decide(sets, new KeepPolicy(2, 0, 0)))).containsExactly("b", "c");
        assertThat(kept(RetentionPlanner.decide(sets, new KeepPolicy(0, 0, 1)))).containsExactly("b");
    }
}
