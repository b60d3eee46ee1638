package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Filing deadlines in working days, checked against counting day by day. */
class WorkingDaysTest {
    @Test
    void tenWorkingDaysAfterTakingEffect() {
        WorkingDays wd = WorkingDays.mondayToFriday();
        assertThat(wd.plusWorkingDays(LocalDate.of(2026, 6, 1), 10)).isEqualTo(LocalDate.of(2026, 6, 15)); // Monday → Monday
        assertThat(wd.plusWorkingDays(LocalDate.of(2026, 6, 5), 10)).isEqualTo(LocalDate.of(2026, 6, 19)); // Friday → Friday
        assertThat(wd.plusWorkingDays(LocalDate.of(2026, 6, 6), 10)).isEqualTo(LocalDate.of(2026, 6, 19)); // Saturday
        assertThat(wd.workingDaysBetween(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 16))).isEqualTo(11);
    }

    @Test
    void agreesWithCountingDayByDay() {
        WorkingDays wd = new WorkingDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                new TreeSet<>(java.util.List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5))),
                new TreeSet<>(java.util.List.of(LocalDate.of(2026, 9, 27))));
        for (LocalDate start = LocalDate.of(2026, 9, 1); start.isBefore(LocalDate.of(2026, 11, 1)); start = start.plusDays(1)) {
            for (int n = 0; n <= 15; n++) {
                LocalDate d = start;
                int left = n;
                while (left > 0) {
                    d = d.plusDays(1);
                    boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                    boolean holiday = d.equals(LocalDate.of(2026, 10, 1)) || d.equals(LocalDate.of(2026, 10, 2)) || d.equals(LocalDate.of(2026, 10, 5));
                    boolean makeUp = d.equals(LocalDate.of(2026, 9, 27));
                    if (makeUp || (!weekend && !holiday)) {
                        left--;
                    }
                }
                assertThat(wd.plusWorkingDays(start, n)).as("%s + %d", start, n).isEqualTo(d);
                assertThat(wd.workingDaysBetween(start, d)).isEqualTo(n);
            }
        }
    }

    @Test
    void saysWhatItDoesNotModel() {
        assertThat(WorkingDays.mondayToFriday().describe()).contains("public holidays are not modelled");
    }
}
