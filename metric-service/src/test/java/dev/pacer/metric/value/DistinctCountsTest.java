package dev.pacer.metric.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.Grain;
import dev.pacer.platform.calendar.FiscalCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test of how distinct counts move (no database). */
class DistinctCountsTest {
    private static final FiscalCalendar CALENDAR = FiscalCalendar.utcCalendarYear();
    private static final String TOTAL = "{}";

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static DistinctCounts.Cell cell(Grain g, String start) {
        return new DistinctCounts.Cell(g, d(start), TOTAL);
    }

    @Test
    void aNewValueCountsOnceInEveryGrainsPeriod() {
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(List.of(new DistinctCounts.Change(TOTAL,
                List.of(d("2026-05-13")), List.of(), List.of(d("2026-05-13")))), CALENDAR);
        assertThat(moves).containsExactly(Map.entry(cell(Grain.DAY, "2026-05-13"), 1L),
                Map.entry(cell(Grain.WEEK, "2026-05-11"), 1L), Map.entry(cell(Grain.MONTH, "2026-05-01"), 1L),
                Map.entry(cell(Grain.QUARTER, "2026-04-01"), 1L), Map.entry(cell(Grain.YEAR, "2026-01-01"), 1L));
    }

    @Test
    void aValueAlreadyPresentInThePeriodCountsOnlyForItsNewDay() {
        // present on Monday already; appears on Wednesday of the same week
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(List.of(new DistinctCounts.Change(TOTAL,
                List.of(d("2026-05-13")), List.of(), List.of(d("2026-05-11"), d("2026-05-13")))), CALENDAR);
        assertThat(moves).containsExactly(Map.entry(cell(Grain.DAY, "2026-05-13"), 1L));
    }

    @Test
    void aValueMovingToAnotherMonthLeavesTheOldPeriodsAndJoinsTheNewOnes() {
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(List.of(new DistinctCounts.Change(TOTAL,
                List.of(d("2026-07-01")), List.of(d("2026-06-30")), List.of(d("2026-07-01")))), CALENDAR);
        assertThat(moves).containsExactly(Map.entry(cell(Grain.DAY, "2026-06-30"), -1L),
                Map.entry(cell(Grain.DAY, "2026-07-01"), 1L), Map.entry(cell(Grain.MONTH, "2026-06-01"), -1L),
                Map.entry(cell(Grain.MONTH, "2026-07-01"), 1L), Map.entry(cell(Grain.QUARTER, "2026-04-01"), -1L),
                Map.entry(cell(Grain.QUARTER, "2026-07-01"), 1L));
        // the ISO week 2026-06-29 holds both days and the year too: no move there
    }

    @Test
    void movesOfSeveralValuesAddUpPerSliceAndCancelOut() {
        String north = "{\"region\": \"north\"}";
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(List.of(
                new DistinctCounts.Change(north, List.of(d("2026-01-05")), List.of(), List.of(d("2026-01-05"))),
                new DistinctCounts.Change(north, List.of(), List.of(d("2026-01-05")), List.of()),
                new DistinctCounts.Change(TOTAL, List.of(), List.of(d("2026-01-05")), List.of(d("2026-01-06")))),
                CALENDAR);
        assertThat(moves).containsExactly(Map.entry(cell(Grain.DAY, "2026-01-05"), -1L));
    }

    @Test
    void daysAreReadFromEpochDays() {
        assertThat(DistinctCounts.epochDays("20590,0,-1")).containsExactly(d("2026-05-17"), d("1970-01-01"),
                d("1969-12-31"));
        assertThat(DistinctCounts.epochDays(null)).isEmpty();
    }

    @Test
    void aNewValueOnTwoDaysOfOneWeekCountsOnceInTheWeek() {
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(List.of(new DistinctCounts.Change(TOTAL,
                List.of(d("2026-05-11"), d("2026-05-13")), List.of(), List.of(d("2026-05-11"), d("2026-05-13")))),
                CALENDAR);
        assertThat(moves).containsExactly(Map.entry(cell(Grain.DAY, "2026-05-11"), 1L),
                Map.entry(cell(Grain.DAY, "2026-05-13"), 1L), Map.entry(cell(Grain.WEEK, "2026-05-11"), 1L),
                Map.entry(cell(Grain.MONTH, "2026-05-01"), 1L), Map.entry(cell(Grain.QUARTER, "2026-04-01"), 1L),
                Map.entry(cell(Grain.YEAR, "2026-01-01"), 1L));
    }
}
