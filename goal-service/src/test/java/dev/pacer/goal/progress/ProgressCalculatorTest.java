package dev.pacer.goal.progress;

import static dev.pacer.goal.progress.Fixtures.APRIL;
import static dev.pacer.goal.progress.Fixtures.JANUARY;
import static dev.pacer.goal.progress.Fixtures.d;
import static dev.pacer.goal.progress.Fixtures.date;
import static dev.pacer.goal.progress.Fixtures.fy;
import static dev.pacer.goal.progress.Fixtures.monthly;
import static dev.pacer.goal.progress.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.PaceStatus;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import dev.pacer.goal.tree.Plan;
import dev.pacer.goal.tree.PlanType;
import dev.pacer.goal.tree.Quarter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressCalculatorTest {
    private final ProgressCalculator calculator = new ProgressCalculator();

    private static GoalTerms total(ProgressWindow window, String base, String challenge, ProgressPlan plan) {
        return new GoalTerms(window, Direction.HIGHER_IS_BETTER, Aggregation.TOTAL, null, d(base),
                challenge == null ? null : d(challenge), plan);
    }

    /** New customers, FY2026 (calendar year), base 1500, challenge 1800, 130 a month in H1. */
    private Progress newCustomersAtEndOfJune(Map<java.time.LocalDate, BigDecimal> actuals) {
        return calculator.compute(total(fy(JANUARY, 2026), "1500", "1800", ProgressPlan.LINEAR), actuals,
                date("2026-06-30"));
    }

    // ---- linear plans -------------------------------------------------------------------------------------

    @Test
    void aLinearTotalExpectsTheTargetProRataOfElapsedDaysAndForecastsTheRunRate() {
        Progress p = newCustomersAtEndOfJune(monthly("2026-01", 130, "2026-02", 130, "2026-03", 130,
                "2026-04", 130, "2026-05", 130, "2026-06", 130,
                "2026-07", 999)); // July starts after the as-of date: not counted
        // elapsed Jan 1 … Jun 30 = 31+28+31+30+31+30 = 181 of 365 days
        assertThat(p.elapsedDays()).isEqualTo(181);
        assertThat(p.windowDays()).isEqualTo(365);
        assertThat(p.periodsWithData()).isEqualTo(6);
        assertThat(p.actual()).isEqualByComparingTo("780");                 // 6 × 130
        assertThat(p.expectedBase()).isEqualByComparingTo("743.835616");    // 1500 × 181/365
        assertThat(p.expectedChallenge()).isEqualByComparingTo("892.602740"); // 1800 × 181/365
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1.048619"); // 780 / 743.835616: +4.86 %
        assertThat(p.attainmentToDateChallenge()).isEqualByComparingTo("0.873849"); // 780 / 892.602740
        assertThat(p.attainmentBase()).isEqualByComparingTo("0.520000");    // 780 / 1500
        assertThat(p.attainmentChallenge()).isEqualByComparingTo("0.433333"); // 780 / 1800
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);              // +4.86 % < +5 %
        assertThat(p.forecast()).isEqualByComparingTo("1572.928177");       // 780 / 181 × 365
        assertThat(p.runRateForecast()).isEqualByComparingTo(p.forecast());
        assertThat(p.windowComplete()).isFalse();
    }

    @Test
    void paceStatusFollowsTheDefaultTolerancesAroundTheExpectedValue() {
        // expected to date 743.835616 (see above)
        assertThat(newCustomersAtEndOfJune(monthly("2026-01", 790)))       // 790 / 743.835616 = 1.062063
                .satisfies(p -> assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1.062063"))
                .extracting(Progress::status).isEqualTo(PaceStatus.AHEAD);
        assertThat(newCustomersAtEndOfJune(monthly("2026-01", 700)))       // 0.941068: −5.9 %
                .satisfies(p -> assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.941068"))
                .extracting(Progress::status).isEqualTo(PaceStatus.AT_RISK);
        assertThat(newCustomersAtEndOfJune(monthly("2026-01", 600)))       // 0.806630: −19.3 %
                .satisfies(p -> assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.806630"))
                .extracting(Progress::status).isEqualTo(PaceStatus.OFF_TRACK);
    }

    @Test
    void toleranceBandsAreConfigurable() {
        ProgressCalculator strict = new ProgressCalculator(new PaceTolerances(d("0.02"), d("0"), d("-0.10")));
        // 780 / 743.835616 = 1.048619 ≥ 1 + 0.02 → AHEAD under these bands (ON_TRACK under the defaults)
        Progress p = strict.compute(total(fy(JANUARY, 2026), "1500", null, ProgressPlan.LINEAR),
                monthly("2026-01", 780), date("2026-06-30"));
        assertThat(p.status()).isEqualTo(PaceStatus.AHEAD);
        // 700 → 0.941068 ≥ 0.90 → AT_RISK; 650 → 0.873849 < 0.90 → OFF_TRACK (AT_RISK under the defaults)
        assertThat(strict.compute(total(fy(JANUARY, 2026), "1500", null, ProgressPlan.LINEAR),
                monthly("2026-01", 650), date("2026-06-30")).status()).isEqualTo(PaceStatus.OFF_TRACK);
        assertThat(p.expectedChallenge()).isNull();
        assertThat(p.attainmentChallenge()).isNull();
    }

    @Test
    void tolerancesMustBeOrdered() {
        assertThatThrownBy(() -> new PaceTolerances(d("-0.05"), d("0.05"), d("-0.15")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PaceTolerances.DEFAULT.statusOf(d("1.05"))).isEqualTo(PaceStatus.AHEAD);
        assertThat(PaceTolerances.DEFAULT.statusOf(d("0.95"))).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(PaceTolerances.DEFAULT.statusOf(d("0.85"))).isEqualTo(PaceStatus.AT_RISK);
        assertThat(PaceTolerances.DEFAULT.statusOf(d("0.849999"))).isEqualTo(PaceStatus.OFF_TRACK);
        assertThat(PaceTolerances.DEFAULT.statusOf(null)).isEqualTo(PaceStatus.NO_DATA);
    }

    // ---- leap years and fiscal years starting in April ----------------------------------------------------

    @Test
    void february29CountsAsADayOfTheWindowInALeapYear() {
        // FY2024 has 366 days; as of Feb 29: 31 + 29 = 60 elapsed → 366 × 60/366 = 60 (59 if Feb 29 were skipped)
        Progress p = calculator.compute(total(fy(JANUARY, 2024), "366", null, ProgressPlan.LINEAR),
                monthly("2024-01", 30, "2024-02", 30), date("2024-02-29"));
        assertThat(p.windowDays()).isEqualTo(366);
        assertThat(p.elapsedDays()).isEqualTo(60);
        assertThat(p.expectedBase()).isEqualByComparingTo("60");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1");
        assertThat(p.forecast()).isEqualByComparingTo("366"); // 60 / 60 × 366
    }

    @Test
    void aQ2ToQ4WindowOfAnAprilFiscalYearStartsInJulyAndIgnoresEarlierValues() {
        // FY2026 April start, window Q2–Q4 = 2026-07-01 … 2027-03-31, 274 days; as of Sep 30: 31+31+30 = 92
        ProgressWindow window = window(APRIL, 2026, Quarter.Q2, Quarter.Q4);
        Progress p = calculator.compute(total(window, "2740", null, ProgressPlan.LINEAR),
                monthly("2026-04", 500, "2026-07", 300, "2026-08", 300, "2026-09", 300), date("2026-09-30"));
        assertThat(p.windowDays()).isEqualTo(274);
        assertThat(p.elapsedDays()).isEqualTo(92);
        assertThat(p.actual()).isEqualByComparingTo("900");                // April (Q1) is outside the window
        assertThat(p.expectedBase()).isEqualByComparingTo("920");          // 2740 × 92/274
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.978261"); // 900 / 920
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("2680.434783");      // 900 / 92 × 274
    }

    // ---- partial windows: as of before, inside, after -----------------------------------------------------

    private Progress q2ToQ4(Map<java.time.LocalDate, BigDecimal> actuals, String asOf) {
        // calendar FY2026, window Q2–Q4 = 2026-04-01 … 2026-12-31: 30+31+30+31+31+30+31+30+31 = 275 days
        return calculator.compute(total(window(JANUARY, 2026, Quarter.Q2, Quarter.Q4), "1000", null,
                ProgressPlan.LINEAR), actuals, date(asOf));
    }

    @Test
    void beforeThePartialWindowNothingIsExpectedAndThereIsNoData() {
        Progress p = q2ToQ4(monthly("2026-01", 70, "2026-03", 50), "2026-03-15");
        assertThat(p.elapsedDays()).isZero();
        assertThat(p.expectedBase()).isEqualByComparingTo("0");
        assertThat(p.actual()).isNull();
        assertThat(p.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(p.forecast()).isNull();
        assertThat(p.runRateForecast()).isNull();
    }

    @Test
    void insideThePartialWindowOnlyItsOwnDaysAndValuesCount() {
        // as of May 31: Apr 30 + May 31 = 61 of 275 days → 1000 × 61/275 = 221.818182
        Progress p = q2ToQ4(monthly("2026-03", 500, "2026-04", 110, "2026-05", 110), "2026-05-31");
        assertThat(p.elapsedDays()).isEqualTo(61);
        assertThat(p.actual()).isEqualByComparingTo("220");
        assertThat(p.expectedBase()).isEqualByComparingTo("221.818182");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.991803"); // 220 / 221.818182
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("991.803279");        // 220 / 61 × 275
    }

    @Test
    void afterThePartialWindowTheFullTargetIsExpectedAndTheForecastIsTheActual() {
        Progress p = q2ToQ4(monthly("2026-04", 100, "2026-05", 100, "2026-06", 100, "2026-07", 100,
                "2026-08", 100, "2026-09", 100, "2026-10", 100, "2026-11", 100, "2026-12", 100,
                "2027-01", 400), "2027-01-10");                          // January 2027 is after the window
        assertThat(p.windowComplete()).isTrue();
        assertThat(p.elapsedDays()).isEqualTo(275);
        assertThat(p.actual()).isEqualByComparingTo("900");
        assertThat(p.expectedBase()).isEqualByComparingTo("1000");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.9");
        assertThat(p.attainmentBase()).isEqualByComparingTo("0.9");
        assertThat(p.status()).isEqualTo(PaceStatus.AT_RISK);               // −10 %
        assertThat(p.forecast()).isEqualByComparingTo("900");
        assertThat(p.runRateForecast()).isEqualByComparingTo("900");
    }

    // ---- no data ------------------------------------------------------------------------------------------

    @Test
    void withoutValuesInsideTheWindowTheGoalHasNoDataButStillAnExpectation() {
        Map<java.time.LocalDate, BigDecimal> actuals = monthly("2025-12", 400, "2026-01", null, "2026-02", null);
        Progress p = newCustomersAtEndOfJune(actuals);
        assertThat(p.hasData()).isFalse();
        assertThat(p.periodsWithData()).isZero();
        assertThat(p.actual()).isNull();
        assertThat(p.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(p.expectedBase()).isEqualByComparingTo("743.835616");
        assertThat(p.attainmentToDateBase()).isNull();
        assertThat(p.attainmentBase()).isNull();
        assertThat(p.attainmentChallenge()).isNull();
        assertThat(p.forecast()).isNull();
        assertThat(newCustomersAtEndOfJune(Map.of()).status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(newCustomersAtEndOfJune(null).status()).isEqualTo(PaceStatus.NO_DATA);
    }

    // ---- lower is better ----------------------------------------------------------------------------------

    @Test
    void aLowerIsBetterRateIsBehindWhenAboveItsInterpolatedPath() {
        // defect rate: baseline 5, target 3, challenge 2.5, END_OF_WINDOW; latest value (June) 4.3
        GoalTerms terms = new GoalTerms(fy(JANUARY, 2026), Direction.LOWER_IS_BETTER, Aggregation.END_OF_WINDOW,
                d("5"), d("3"), d("2.5"), ProgressPlan.LINEAR);
        Progress p = calculator.compute(terms, monthly("2026-01", "4.8", "2026-03", "4.6", "2026-06", "4.3"),
                date("2026-06-30"));
        assertThat(p.actual()).isEqualByComparingTo("4.3");
        assertThat(p.expectedBase()).isEqualByComparingTo("4.008219");      // 5 + (3 − 5) × 181/365
        assertThat(p.expectedChallenge()).isEqualByComparingTo("3.760274"); // 5 + (2.5 − 5) × 181/365
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.932144"); // expected / actual = 4.008219 / 4.3
        assertThat(p.attainmentToDateChallenge()).isEqualByComparingTo("0.874482"); // 3.760274 / 4.3
        assertThat(p.attainmentBase()).isEqualByComparingTo("0.697674");    // 3 / 4.3
        assertThat(p.attainmentChallenge()).isEqualByComparingTo("0.581395"); // 2.5 / 4.3
        assertThat(p.status()).isEqualTo(PaceStatus.AT_RISK);               // −6.8 %
        assertThat(p.forecast()).isEqualByComparingTo("3.588398");          // trend: 5 + (4.3 − 5) × 365/181
        assertThat(p.runRateForecast()).isEqualByComparingTo("3.588398");
    }

    @Test
    void aLowerIsBetterTotalBelowItsProRataBudgetIsAhead() {
        // cost budget 1000 for FY2026; 450 spent by Jun 30 → expected 1000 × 181/365 = 495.890411
        GoalTerms terms = new GoalTerms(fy(JANUARY, 2026), Direction.LOWER_IS_BETTER, Aggregation.TOTAL, null,
                d("1000"), null, ProgressPlan.LINEAR);
        Progress p = calculator.compute(terms, monthly("2026-01", 200, "2026-04", 250), date("2026-06-30"));
        assertThat(p.expectedBase()).isEqualByComparingTo("495.890411");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1.101979"); // 495.890411 / 450
        assertThat(p.status()).isEqualTo(PaceStatus.AHEAD);
        assertThat(p.forecast()).isEqualByComparingTo("907.458564");        // 450 / 181 × 365
    }

    @Test
    void aLowerIsBetterActualOfZeroHasNoRatioButIsAhead() {
        // expected by Jan 31: 1000 × 31/365 = 84.931507; actual 0 → expected/actual undefined
        GoalTerms terms = new GoalTerms(fy(JANUARY, 2026), Direction.LOWER_IS_BETTER, Aggregation.TOTAL, null,
                d("1000"), null, ProgressPlan.LINEAR);
        Progress p = calculator.compute(terms, monthly("2026-01", 0), date("2026-01-31"));
        assertThat(p.expectedBase()).isEqualByComparingTo("84.931507");
        assertThat(p.attainmentToDateBase()).isNull();
        assertThat(p.status()).isEqualTo(PaceStatus.AHEAD);
        assertThat(p.forecast()).isEqualByComparingTo("0");
    }

    // ---- END_OF_WINDOW and AVERAGE ------------------------------------------------------------------------

    @Test
    void anEndOfWindowMeasureTakesTheLatestValueAndExtendsItsTrend() {
        // headcount baseline 100 → target 130; as of Mar 31 (90 of 365 days) the latest value is 112
        GoalTerms terms = new GoalTerms(fy(JANUARY, 2026), Direction.HIGHER_IS_BETTER, Aggregation.END_OF_WINDOW,
                d("100"), d("130"), null, ProgressPlan.LINEAR);
        Progress p = calculator.compute(terms, monthly("2026-02", 110, "2026-01", 104, "2026-03", 112),
                date("2026-03-31"));
        assertThat(p.actual()).isEqualByComparingTo("112");
        assertThat(p.expectedBase()).isEqualByComparingTo("107.397260");    // 100 + 30 × 90/365
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1.042857"); // 112 / 107.397260
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("148.666667");        // 100 + 12 × 365/90
    }

    @Test
    void anAverageMeasureAveragesThePeriodsWithDataAndForecastsItsAverage() {
        // repeat-purchase rate, FY2026-Q1 (90 days), baseline 20 → target 26; as of Feb 28: 59 days
        GoalTerms terms = new GoalTerms(window(JANUARY, 2026, Quarter.Q1, Quarter.Q1), Direction.HIGHER_IS_BETTER,
                Aggregation.AVERAGE, d("20"), d("26"), null, ProgressPlan.LINEAR);
        Progress p = calculator.compute(terms, monthly("2026-01", 22, "2026-02", 25), date("2026-02-28"));
        assertThat(p.actual()).isEqualByComparingTo("23.5");                // (22 + 25) / 2
        assertThat(p.expectedBase()).isEqualByComparingTo("23.933333");     // 20 + 6 × 59/90
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.981894"); // 23.5 / 23.933333
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("23.5");
        assertThat(p.runRateForecast()).isEqualByComparingTo("23.5");

        // a month without data is left out of the mean: (22 + 26) / 2 = 24, not (22 + 0 + 26) / 3 = 16
        Progress end = calculator.compute(terms, monthly("2026-01", 22, "2026-02", null, "2026-03", 26),
                date("2026-03-31"));
        assertThat(end.actual()).isEqualByComparingTo("24");
        assertThat(end.expectedBase()).isEqualByComparingTo("26");
        assertThat(end.attainmentToDateBase()).isEqualByComparingTo("0.923077"); // 24 / 26
        assertThat(end.status()).isEqualTo(PaceStatus.AT_RISK);
    }

    // ---- quarterly milestones -----------------------------------------------------------------------------

    @Test
    void quarterlyMilestonesInterpolateWithinTheCurrentQuarter() {
        // milestones 100/250/420/600 (cumulative), challenge 720; as of May 15: Q2 (Apr 1 … Jun 30, 91 days),
        // 45 days in → 100 + (250 − 100) × 45/91 = 174.175824
        ProgressPlan plan = ProgressPlan.of(new Plan(PlanType.QUARTERLY_MILESTONES,
                List.of(d("100"), d("250"), d("420"), d("600"))), null);
        GoalTerms terms = total(fy(JANUARY, 2026), "600", "720", plan);
        Progress p = calculator.compute(terms, monthly("2026-01", 36, "2026-02", 36, "2026-03", 36, "2026-04", 36,
                "2026-05", 36), date("2026-05-15"));
        assertThat(p.actual()).isEqualByComparingTo("180");
        assertThat(p.expectedBase()).isEqualByComparingTo("174.175824");
        // planned share 174.175824… / 600; challenge 720 × share = 209.010989
        assertThat(p.expectedChallenge()).isEqualByComparingTo("209.010989");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("1.033438"); // 180 / 174.175824
        assertThat(p.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(p.forecast()).isEqualByComparingTo("620.063091");        // 180 / (174.175824… / 600)
        assertThat(p.runRateForecast()).isEqualByComparingTo("486.666667"); // 180 / 135 × 365

        // at the end of Q3 exactly the Q3 milestone is expected
        assertThat(calculator.compute(terms, Map.of(), date("2026-09-30")).expectedBase())
                .isEqualByComparingTo("420");
    }

    @Test
    void milestonesOfAPartialWindowStartFromTheBaselineAndIgnoreEarlierQuarters() {
        // END_OF_WINDOW, window Q2–Q4, baseline 50, milestones [999 (Q1, outside), 60, 70, 80]
        GoalTerms terms = new GoalTerms(window(JANUARY, 2026, Quarter.Q2, Quarter.Q4), Direction.HIGHER_IS_BETTER,
                Aggregation.END_OF_WINDOW, d("50"), d("80"), null,
                new ProgressPlan.QuarterlyMilestones(List.of(d("999"), d("60"), d("70"), d("80"))));
        // May 15: 45 of Q2's 91 days → 50 + 10 × 45/91 = 54.945055
        assertThat(calculator.compute(terms, Map.of(), date("2026-05-15")).expectedBase())
                .isEqualByComparingTo("54.945055");
        // Aug 16: 31 + 16 = 47 of Q3's 92 days → 60 + 10 × 47/92 = 65.108696
        assertThat(calculator.compute(terms, Map.of(), date("2026-08-16")).expectedBase())
                .isEqualByComparingTo("65.108696");
    }

    @Test
    void quarterlyMilestonesAreFourValues() {
        assertThatThrownBy(() -> new ProgressPlan.QuarterlyMilestones(List.of(d("1"), d("2"), d("3"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ProgressPlan.of(null, null)).isEqualTo(ProgressPlan.LINEAR);
        assertThat(ProgressPlan.of(Plan.LINEAR, null)).isEqualTo(ProgressPlan.LINEAR);
    }

    // ---- seasonal -----------------------------------------------------------------------------------------

    /** Last year (2025) by month: 100 × 6 (Jan–Jun), 50 × 4 (Jul–Oct), 100 × 2 (Nov–Dec) = 1000. */
    private static final Map<java.time.LocalDate, BigDecimal> LAST_YEAR = monthly(
            "2025-01", 100, "2025-02", 100, "2025-03", 100, "2025-04", 100, "2025-05", 100, "2025-06", 100,
            "2025-07", 50, "2025-08", 50, "2025-09", 50, "2025-10", 50, "2025-11", 100, "2025-12", 100);

    @Test
    void aSeasonalPlanFollowsLastYearsCumulativeShare() {
        ProgressPlan plan = ProgressPlan.of(new Plan(PlanType.SEASONAL, null), LAST_YEAR);
        GoalTerms terms = total(fy(JANUARY, 2026), "2000", "2400", plan);
        // as of Mar 31 last year's share is 300 / 1000 = 0.3 (a linear plan would expect 2000 × 90/365 = 493.15)
        Progress p = calculator.compute(terms, monthly("2026-01", 180, "2026-02", 170, "2026-03", 190),
                date("2026-03-31"));
        assertThat(p.actual()).isEqualByComparingTo("540");
        assertThat(p.expectedBase()).isEqualByComparingTo("600");           // 2000 × 0.3
        assertThat(p.expectedChallenge()).isEqualByComparingTo("720");      // 2400 × 0.3
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.9");
        assertThat(p.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(p.forecast()).isEqualByComparingTo("1800");              // 540 / 0.3
        assertThat(p.runRateForecast()).isEqualByComparingTo("2190");       // 540 / 90 × 365
    }

    @Test
    void aSeasonalPlanCountsTheCurrentMonthProRata() {
        GoalTerms terms = total(fy(JANUARY, 2026), "2000", null, new ProgressPlan.Seasonal(LAST_YEAR));
        // Feb 14: January's 0.1 + February's 0.1 × 14/28 = 0.15 → 300
        assertThat(calculator.compute(terms, Map.of(), date("2026-02-14")).expectedBase())
                .isEqualByComparingTo("300");
    }

    @Test
    void aSeasonalPlanOfAPartialAprilWindowUsesLastYearsSameMonths() {
        // April FY2026, window Q2–Q4 = Jul 2026 … Mar 2027; last year's months Jul 2025 … Mar 2026
        Map<java.time.LocalDate, BigDecimal> lastYear = monthly("2025-06", 5000, // outside the window
                "2025-07", 10, "2025-08", 10, "2025-09", 20, "2025-10", 10, "2025-11", 10, "2025-12", 10,
                "2026-01", 10, "2026-02", 10, "2026-03", 10); // total 100
        GoalTerms terms = total(window(APRIL, 2026, Quarter.Q2, Quarter.Q4), "500", null,
                new ProgressPlan.Seasonal(lastYear));
        // as of Sep 30: (10 + 10 + 20) / 100 = 0.4 → 200; actual 180 → forecast 180 / 0.4 = 450
        Progress p = calculator.compute(terms, monthly("2026-07", 60, "2026-08", 60, "2026-09", 60),
                date("2026-09-30"));
        assertThat(p.expectedBase()).isEqualByComparingTo("200");
        assertThat(p.attainmentToDateBase()).isEqualByComparingTo("0.9");
        assertThat(p.forecast()).isEqualByComparingTo("450");
    }

    @Test
    void aSeasonalPlanWithoutLastYearFallsBackToLinear() {
        Progress p = calculator.compute(total(fy(JANUARY, 2026), "1500", null, new ProgressPlan.Seasonal(Map.of())),
                monthly("2026-01", 780), date("2026-06-30"));
        assertThat(p.expectedBase()).isEqualByComparingTo("743.835616");    // 1500 × 181/365, as linear
        assertThat(p.forecast()).isEqualByComparingTo("1572.928177");
    }

    @Test
    void termsOfALevelMeasureNeedABaseline() {
        assertThatThrownBy(() -> new GoalTerms(fy(JANUARY, 2026), Direction.HIGHER_IS_BETTER, Aggregation.AVERAGE,
                null, d("1"), null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
