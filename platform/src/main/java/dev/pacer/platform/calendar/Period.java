package dev.pacer.platform.calendar;

import dev.pacer.events.Grain;
import java.time.LocalDate;

/** One period of a grain: the dates from {@code start} (inclusive) to {@code end} (exclusive), and its label. */
public record Period(Grain grain, LocalDate start, LocalDate end, String label) {
    public Period {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period must end after it starts: " + start + " … " + end);
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** Number of days in the period. */
    public long days() {
        return end.toEpochDay() - start.toEpochDay();
    }
}
