package dev.pacer.goal.smart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.goal.catalog.CatalogMetric;
import dev.pacer.goal.smart.SmartReport.LetterVerdict;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import dev.pacer.goal.tree.Goal;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.GoalWindow;
import dev.pacer.goal.tree.Measure;
import dev.pacer.goal.tree.Plan;
import dev.pacer.goal.tree.Quarter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmartCheckTest {
    private static final CatalogMetric CERTIFIED = new CatalogMetric("new_customers", 3, "New customers", "CERTIFIED",
            "FIRST_SEEN", "个", "dataset orders", List.of("region"));
    private static final UUID PARENT = UUID.randomUUID();

    /** A measured level-1 indicator that passes every letter. */
    private static Goal goal(String description, Measure measure, BigDecimal baseline, BigDecimal baseTarget,
            Direction direction, UUID parentId) {
        return new Goal(UUID.randomUUID(), parentId, "新增客户数", description, "市场部", null, List.of(), "FY2026",
                new GoalWindow(Quarter.Q1, Quarter.Q4), new BigDecimal("60"), measure, baseline, baseTarget, null,
                direction, Plan.LINEAR, GoalStatus.DRAFT, 1, null, "m", null, "m");
    }

    private static Goal measured(BigDecimal baseline, BigDecimal target) {
        return goal("新增下单客户数", new Measure("new_customers", Map.of("region", "east"), Aggregation.TOTAL),
                baseline, target, Direction.HIGHER_IS_BETTER, PARENT);
    }

    private static SmartCheck.Context context(CatalogMetric metric, long subGoals, List<BigDecimal> pastYears,
            LocalDate today) {
        return new SmartCheck.Context(metric, subGoals, "市场占有率提升", pastYears, LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 1), today, new BigDecimal("1.5"));
    }

    private static SmartCheck.Context context(CatalogMetric metric) {
        return context(metric, 0, List.of(), LocalDate.of(2026, 2, 1));
    }

    private static LetterVerdict letter(SmartReport report, Letter letter) {
        return report.letters().stream().filter(l -> l.letter() == letter).findFirst().orElseThrow();
    }

    private static List<BigDecimal> years(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void aDescribedGoalOnACertifiedMetricWithARealisticTargetPassesEveryLetter() {
        SmartReport report = SmartCheck.check(measured(new BigDecimal("1000"), new BigDecimal("1100")),
                context(CERTIFIED, 0, years("800", "900", "1000"), LocalDate.of(2026, 2, 1)));

        assertThat(report.passes()).isTrue();
        assertThat(report.letters()).extracting(LetterVerdict::letter).containsExactly(Letter.values());
        assertThat(report.letters()).allMatch(l -> l.verdict() == Verdict.PASS);
        assertThat(letter(report, Letter.MEASURABLE).reasons()).anyMatch(r -> r.contains("certified (version 3)"));
        assertThat(letter(report, Letter.RELEVANT).reasons()).containsExactly(
                "breaks down the objective '市场占有率提升' with weight 60");
    }

    @Test
    void aGoalWithoutDescriptionOrMeasureOrSubGoalsIsNotSpecific() {
        Goal bare = goal(null, null, null, null, Direction.HIGHER_IS_BETTER, null);
        SmartReport report = SmartCheck.check(bare, context(null));

        LetterVerdict specific = letter(report, Letter.SPECIFIC);
        assertThat(specific.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(specific.reasons()).hasSize(2);
        assertThat(letter(report, Letter.MEASURABLE).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.passes()).isFalse();
    }

    @Test
    void anObjectiveJudgedByItsSubGoalsIsSpecificMeasurableAndRelevant() {
        Goal objective = goal("提升市场占有率", null, null, null, Direction.HIGHER_IS_BETTER, null);
        SmartReport report = SmartCheck.check(objective, context(null, 2, List.of(), LocalDate.of(2026, 2, 1)));

        assertThat(report.passes()).isTrue();
        assertThat(letter(report, Letter.SPECIFIC).reasons()).contains("has no metric of its own; it is judged by "
                + "its 2 sub-goals");
        assertThat(letter(report, Letter.RELEVANT).reasons()).containsExactly("is an annual objective, the top of its tree");
    }

    @Test
    void aMetricThatIsUnknownOrNotCertifiedOrWithoutUnitOrSourceIsNotMeasurable() {
        Goal g = measured(null, new BigDecimal("100"));
        assertThat(letter(SmartCheck.check(g, context(null)), Letter.MEASURABLE).reasons())
                .containsExactly("metric new_customers is not in the metric catalogue");

        CatalogMetric draft = new CatalogMetric("new_customers", 1, "New", "DRAFT", "SIMPLE", null, null,
                List.of());
        LetterVerdict m = letter(SmartCheck.check(g, context(draft)), Letter.MEASURABLE);
        assertThat(m.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(m.reasons()).containsExactly("metric new_customers is DRAFT, not CERTIFIED",
                "metric new_customers has no unit", "metric new_customers names no source of its values",
                "the filter uses 'region', which is not a dimension of metric new_customers []");
    }

    @Test
    void aMeasuredGoalWithoutBaseTargetFailsMeasurableAndAchievable() {
        SmartReport report = SmartCheck.check(measured(null, null), context(CERTIFIED));
        assertThat(letter(report, Letter.MEASURABLE).reasons()).contains("has no base target");
        assertThat(letter(report, Letter.ACHIEVABLE).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aTargetBeyondTheBestHistoricalGrowthTimesTheFactorWarnsButDoesNotBlock() {
        // history: +10 %, +20 % → best 20 %, × 1.5 = 30 %; the target asks for +50 %
        SmartReport report = SmartCheck.check(measured(new BigDecimal("1000"), new BigDecimal("1500")),
                context(CERTIFIED, 0, years("700", "770", "924"), LocalDate.of(2026, 2, 1)));

        LetterVerdict achievable = letter(report, Letter.ACHIEVABLE);
        assertThat(achievable.verdict()).isEqualTo(Verdict.WARN);
        assertThat(achievable.reasons()).containsExactly(
                "the base target 1500 is 50 % above the baseline 1000",
                "the best year-on-year improvement over the last 3 years was 20 %; the target asks for more than "
                        + "1.5 × that");
        assertThat(report.passes()).isTrue();
    }

    @Test
    void aTargetWithinTheFactorOfTheBestGrowthPasses() {
        SmartReport report = SmartCheck.check(measured(new BigDecimal("1000"), new BigDecimal("1300")),
                context(CERTIFIED, 0, years("700", "770", "924"), LocalDate.of(2026, 2, 1)));
        assertThat(letter(report, Letter.ACHIEVABLE).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void forALowerIsBetterGoalImprovementIsADecrease() {
        Goal cost = goal("生产成本下降", new Measure("unit_cost", Map.of(), Aggregation.AVERAGE), new BigDecimal("100"),
                new BigDecimal("90"), Direction.LOWER_IS_BETTER, PARENT);
        CatalogMetric unitCost = new CatalogMetric("unit_cost", 1, "Unit cost", "CERTIFIED", "REPORTED", "元",
                "reported values", List.of());
        // history fell by 5 % a year at best (110.5 → 105); −10 % asks for more than 1.5 × that
        LetterVerdict a = letter(SmartCheck.check(cost, context(unitCost, 0, years("110.5", "105", "100"),
                LocalDate.of(2026, 2, 1))), Letter.ACHIEVABLE);
        assertThat(a.verdict()).isEqualTo(Verdict.WARN);
        assertThat(a.reasons().get(0)).isEqualTo("the base target 90 is 10 % below the baseline 100");
    }

    @Test
    void aTargetAskingForGrowthWhenNoPastYearImprovedWarns() {
        LetterVerdict a = letter(SmartCheck.check(measured(new BigDecimal("1000"), new BigDecimal("1050")),
                context(CERTIFIED, 0, years("1100", "1000"), LocalDate.of(2026, 2, 1))), Letter.ACHIEVABLE);
        assertThat(a.verdict()).isEqualTo(Verdict.WARN);
        assertThat(a.reasons().get(1)).endsWith("no year improved");
    }

    @Test
    void anEndOfWindowMeasureWithoutBaselineIsNotAchievable() {
        Goal g = goal("复购率", new Measure("repeat_rate", Map.of(), Aggregation.END_OF_WINDOW), null,
                new BigDecimal("0.3"), Direction.HIGHER_IS_BETTER, PARENT);
        assertThat(letter(SmartCheck.check(g, context(null)), Letter.ACHIEVABLE).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aGoalWhoseWindowHasEndedIsTrackedRetrospectivelyWithAWarning() {
        SmartReport report = SmartCheck.check(measured(null, new BigDecimal("100")),
                context(CERTIFIED, 0, List.of(), LocalDate.of(2027, 1, 1)));
        LetterVerdict t = letter(report, Letter.TIME_BOUND);
        assertThat(t.verdict()).isEqualTo(Verdict.WARN);
        assertThat(report.passes()).as("a warning does not block activation").isTrue();
        assertThat(t.reasons()).containsExactly("its window FY2026 Q1–Q4: 2026-01-01 to 2026-12-31 has already ended: "
                + "the goal is tracked retrospectively");
        assertThat(letter(SmartCheck.check(measured(null, new BigDecimal("100")),
                context(CERTIFIED, 0, List.of(), LocalDate.of(2026, 12, 31))), Letter.TIME_BOUND).verdict())
                .isEqualTo(Verdict.PASS);
    }
}
