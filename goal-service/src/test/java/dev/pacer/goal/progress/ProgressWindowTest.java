package dev.pacer.goal.progress;

import static dev.pacer.goal.progress.Fixtures.APRIL;
import static dev.pacer.goal.progress.Fixtures.JANUARY;
import static dev.pacer.goal.progress.Fixtures.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.goal.tree.GoalWindow;
import dev.pacer.goal.tree.Period;
import dev.pacer.goal.tree.Quarter;
import org.junit.jupiter.api.Test;

class ProgressWindowTest {

    @Test
    void aQ2ToQ4WindowOfAnAprilFiscalYearRunsFromJulyToTheEndOfMarch() {
        ProgressWindow w = ProgressWindow.of(APRIL, Period.parse("FY2026").orElseThrow(),
                new GoalWindow(Quarter.Q2, Quarter.Q4));
        assertThat(w.start()).isEqualTo(date("2026-07-01"));
        assertThat(w.end()).isEqualTo(date("2027-04-01"));
        // Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 = 274
        assertThat(w.days()).isEqualTo(274);
        assertThat(w.quarters()).containsExactly(Quarter.Q2, Quarter.Q3, Quarter.Q4);
        assertThat(w.months()).hasSize(9);
    }

    @Test
    void aQuarterPeriodWithoutWindowIsThatQuarter() {
        ProgressWindow w = ProgressWindow.of(JANUARY, Period.parse("FY2026-Q3").orElseThrow(), null);
        assertThat(w.start()).isEqualTo(date("2026-07-01"));
        assertThat(w.end()).isEqualTo(date("2026-10-01"));
        assertThat(w.days()).isEqualTo(92);
    }

    @Test
    void aWindowOutsideItsQuarterPeriodIsRefused() {
        assertThatThrownBy(() -> ProgressWindow.of(JANUARY, Period.parse("FY2026-Q3").orElseThrow(),
                new GoalWindow(Quarter.Q2, Quarter.Q3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leapDaysCountInCalendarAndAprilFiscalYears() {
        assertThat(Fixtures.fy(JANUARY, 2024).days()).isEqualTo(366);
        assertThat(Fixtures.fy(JANUARY, 2026).days()).isEqualTo(365);
        // FY2023 with an April start runs 2023-04-01 … 2024-03-31 and holds 2024-02-29
        assertThat(Fixtures.fy(APRIL, 2023).days()).isEqualTo(366);
        assertThat(Fixtures.fy(APRIL, 2024).days()).isEqualTo(365);
    }

    @Test
    void theAsOfDayIsItselfElapsedAndElapsedDaysAreClampedToTheWindow() {
        ProgressWindow w = Fixtures.fy(JANUARY, 2026);
        assertThat(w.elapsedDays(date("2025-12-31"))).isZero();
        assertThat(w.elapsedDays(date("2026-01-01"))).isEqualTo(1);
        assertThat(w.elapsedDays(date("2026-06-30"))).isEqualTo(181);
        assertThat(w.elapsedDays(date("2026-12-31"))).isEqualTo(365);
        assertThat(w.elapsedDays(date("2027-05-01"))).isEqualTo(365);
    }
}
