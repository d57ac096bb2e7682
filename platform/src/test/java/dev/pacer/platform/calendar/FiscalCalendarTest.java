package dev.pacer.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.Grain;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FiscalCalendarTest {
    private static final FiscalCalendar CALENDAR_YEAR = FiscalCalendar.utcCalendarYear();
    private static final FiscalCalendar APRIL = new FiscalCalendar(ZoneId.of("Asia/Shanghai"), 4);

    @Test
    void calendarYearQuartersAreJanuaryToMarchAndSoOn() {
        Period q = CALENDAR_YEAR.periodOf(Grain.QUARTER, LocalDate.of(1997, 11, 15));
        assertThat(q.start()).isEqualTo(LocalDate.of(1997, 10, 1));
        assertThat(q.end()).isEqualTo(LocalDate.of(1998, 1, 1));
        assertThat(q.label()).isEqualTo("FY1997-Q4");
    }

    @Test
    void aFiscalYearStartingInAprilIsNamedAfterTheYearItStartsIn() {
        Period q1 = APRIL.periodOf(Grain.QUARTER, LocalDate.of(2026, 4, 1));
        assertThat(q1.label()).isEqualTo("FY2026-Q1");
        Period q4 = APRIL.periodOf(Grain.QUARTER, LocalDate.of(2027, 3, 31));
        assertThat(q4.label()).isEqualTo("FY2026-Q4");
        assertThat(q4.start()).isEqualTo(LocalDate.of(2027, 1, 1));
        Period fy = APRIL.periodOf(Grain.YEAR, LocalDate.of(2027, 2, 1));
        assertThat(fy.start()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(fy.end()).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(APRIL.periodOf(Grain.YEAR, LocalDate.of(2026, 3, 31)).label()).isEqualTo("FY2025");
    }

    @Test
    void isoWeeksStartOnMondayAndBelongToTheirWeekBasedYear() {
        Period w = CALENDAR_YEAR.periodOf(Grain.WEEK, LocalDate.of(2027, 1, 1));
        assertThat(w.start()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(w.label()).isEqualTo("2026-W53");
        assertThat(CALENDAR_YEAR.parse("2026-W53")).isEqualTo(w);
    }

    @Test
    void weekLabelsAgreeWithJavaTimesIsoFieldsOnEveryDayOf2000To2040() {
        for (LocalDate d = LocalDate.of(2000, 1, 1); d.isBefore(LocalDate.of(2041, 1, 1)); d = d.plusDays(1)) {
            Period w = CALENDAR_YEAR.periodOf(Grain.WEEK, d);
            assertThat(w.start()).isEqualTo(d.with(java.time.temporal.TemporalAdjusters.previousOrSame(
                    java.time.DayOfWeek.MONDAY)));
            assertThat(w.label()).isEqualTo(String.format("%d-W%02d", d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        }
    }

    @Test
    void everyPeriodContainsItsDateAndStartsWhereItsGrainAndTheFiscalYearSay() {
        for (int month = 1; month <= 12; month++) {
            FiscalCalendar c = new FiscalCalendar(java.time.ZoneId.of("UTC"), month);
            for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
                for (Grain g : Grain.values()) {
                    Period p = c.periodOf(g, d);
                    String what = g + " of " + d + ", fiscal year from month " + month;
                    assertThat(p.start()).as(what).isEqualTo(c.startOf(g, d)).isBeforeOrEqualTo(d);
                    assertThat(p.end()).as(what).isAfter(d);
                    switch (g) {
                        case DAY -> assertThat(p.start()).as(what).isEqualTo(d);
                        case WEEK -> assertThat(p.start().getDayOfWeek()).as(what).isEqualTo(java.time.DayOfWeek.MONDAY);
                        case MONTH -> assertThat(p.start().getDayOfMonth()).as(what).isEqualTo(1);
                        case QUARTER -> assertThat(p.start().getDayOfMonth() == 1
                                && Math.floorMod(p.start().getMonthValue() - month, 3) == 0).as(what).isTrue();
                        case YEAR -> assertThat(p.start()).as(what).isEqualTo(LocalDate.of(p.start().getYear(), month, 1));
                    }
                }
            }
        }
    }

    @Test
    void labelsPadWeeksAndMonthsToTwoDigits() {
        assertThat(CALENDAR_YEAR.periodOf(Grain.WEEK, LocalDate.of(2026, 1, 7)).label()).isEqualTo("2026-W02");
        assertThat(CALENDAR_YEAR.periodOf(Grain.MONTH, LocalDate.of(2026, 3, 31)).label()).isEqualTo("2026-03");
        assertThat(CALENDAR_YEAR.periodOf(Grain.MONTH, LocalDate.of(2026, 11, 1)).label()).isEqualTo("2026-11");
        assertThat(CALENDAR_YEAR.periodOf(Grain.DAY, LocalDate.of(2026, 2, 3)).label()).isEqualTo("2026-02-03");
    }

    @Test
    void leapYearFebruaryHas29Days() {
        assertThat(CALENDAR_YEAR.periodOf(Grain.MONTH, LocalDate.of(2028, 2, 10)).days()).isEqualTo(29);
        assertThat(CALENDAR_YEAR.periodOf(Grain.YEAR, LocalDate.of(2028, 2, 10)).days()).isEqualTo(366);
    }

    @Test
    void theBusinessDateFollowsTheConfiguredZone() {
        Instant lateEveningUtc = Instant.parse("2026-03-31T20:00:00Z");
        assertThat(CALENDAR_YEAR.dateOf(lateEveningUtc)).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(APRIL.dateOf(lateEveningUtc)).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void previousAndSamePeriodLastYear() {
        Period q1 = APRIL.fiscalQuarter(2026, 1);
        assertThat(APRIL.previous(q1).label()).isEqualTo("FY2025-Q4");
        assertThat(APRIL.sameLastYear(q1).label()).isEqualTo("FY2025-Q1");
        Period mar = CALENDAR_YEAR.parse("2024-03");
        assertThat(CALENDAR_YEAR.previous(mar).label()).isEqualTo("2024-02");
        assertThat(CALENDAR_YEAR.sameLastYear(CALENDAR_YEAR.parse("2024-02-29")).label()).isEqualTo("2023-02-28");
    }

    @Test
    void periodsBetweenCoverTheRange() {
        assertThat(CALENDAR_YEAR.periodsBetween(Grain.MONTH, LocalDate.of(1996, 7, 4), LocalDate.of(1996, 10, 1)))
                .extracting(Period::label).containsExactly("1996-07", "1996-08", "1996-09");
        assertThat(CALENDAR_YEAR.periodsBetween(Grain.QUARTER, LocalDate.of(1997, 1, 1), LocalDate.of(1997, 1, 1)))
                .isEmpty();
    }

    @Test
    void labelsParseBackAndNonsenseIsRefused() {
        assertThat(APRIL.parse("FY2026-Q2").start()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(APRIL.parse("FY2026").end()).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThatThrownBy(() -> APRIL.parse("2026-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> APRIL.parse("Q5")).hasMessageContaining("is not a period");
        assertThatThrownBy(() -> new FiscalCalendar(ZoneId.of("UTC"), 13)).isInstanceOf(IllegalArgumentException.class);
    }
}
