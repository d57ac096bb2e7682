package dev.pacer.goal.review;

import dev.pacer.events.Grain;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.calendar.Period;
import java.util.Optional;

/** The periods a review can cover: a calendar month ({@code 2026-07}), a fiscal quarter or a fiscal year. */
public final class ReviewPeriods {
    private ReviewPeriods() {
    }

    /** The period a label names, or empty when it is none of a month, a fiscal quarter or a fiscal year. */
    public static Optional<Period> parse(FiscalCalendar calendar, String label) {
        if (label == null) {
            return Optional.empty();
        }
        try {
            Period p = calendar.parse(label.trim());
            return p.grain() == Grain.MONTH || p.grain() == Grain.QUARTER || p.grain() == Grain.YEAR
                    ? Optional.of(p) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
