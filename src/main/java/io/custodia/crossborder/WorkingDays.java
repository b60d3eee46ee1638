package io.custodia.crossborder;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The working-day calendar a filing deadline is counted in: the working weekdays, minus listed
 * public holidays, plus listed make-up working days (China moves weekend days around its public
 * holidays). Public holidays are not modelled unless the rule file lists them.
 */
record WorkingDays(Set<DayOfWeek> weekdays, SortedSet<LocalDate> holidays, SortedSet<LocalDate> extraWorkingDays) {
    WorkingDays {
        weekdays = weekdays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekdays);
        holidays = new TreeSet<>(holidays);
        extraWorkingDays = new TreeSet<>(extraWorkingDays);
        if (weekdays.isEmpty() && extraWorkingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working weekday");
        }
    }

    static WorkingDays mondayToFriday() {
        return new WorkingDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>(), new TreeSet<>());
    }

    boolean isWorkingDay(LocalDate d) {
        if (extraWorkingDays.contains(d)) {
            return true;
        }
        return weekdays.contains(d.getDayOfWeek()) && !holidays.contains(d);
    }

    /**
     * The last day of a period of {@code n} working days that starts the day after {@code start}:
     * "within 10 working days of taking effect" ends on {@code plusWorkingDays(effective, 10)}.
     */
    LocalDate plusWorkingDays(LocalDate start, int n) {
        LocalDate d = start;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after {@code from}). */
    int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** For the report: what the calendar does and does not know. */
    String describe() {
        StringBuilder b = new StringBuilder("working days are ");
        b.append(weekdays.stream().sorted().map(w -> w.name().charAt(0) + w.name().substring(1, 3).toLowerCase()).toList());
        if (holidays.isEmpty() && extraWorkingDays.isEmpty()) {
            b.append("; public holidays are not modelled (the rule file lists none)");
        } else {
            b.append(" minus ").append(holidays.size()).append(" listed public holidays (")
                    .append(holidays.isEmpty() ? "none" : holidays.first() + " … " + holidays.last()).append(") plus ")
                    .append(extraWorkingDays.size()).append(" listed make-up working days; other public holidays are not modelled");
        }
        return b.toString();
    }
}
