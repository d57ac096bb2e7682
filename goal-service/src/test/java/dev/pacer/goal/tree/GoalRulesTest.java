package dev.pacer.goal.tree;

import static dev.pacer.goal.tree.NewGoal.goal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GoalRulesTest {
    private static List<String> fieldsOf(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static Placement placed(String title, String period, Quarter from, Quarter to) {
        return new Placement(UUID.randomUUID(), title, Period.parse(period).orElseThrow(), new GoalWindow(from, to),
                BigDecimal.TEN);
    }

    @Nested
    class OnItsOwn {
        @Test
        void aCompleteGoalBreaksNoRule() {
            GoalRequest g = goal("新增客户数", "市场部").window("Q1", "Q4").weight(60).contributors("销售部")
                    .measure("new_customers", Map.of("department", "市场部"), "TOTAL")
                    .targets(1200, 1500, 1800).direction("HIGHER_IS_BETTER")
                    .plan("QUARTERLY_MILESTONES", 300, 700, 1100, 1500).request();
            assertThat(GoalRules.violations(g)).isEmpty();
        }

        @Test
        void aWindowThatEndsBeforeItStartsIsNamed() {
            List<FieldError> errors = GoalRules.violations(goal("x", "市场部").window("Q4", "Q2").request());
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("window");
                assertThat(e.message()).contains("Q4").contains("Q2");
            });
        }

        @Test
        void aWindowOutsideAQuarterPeriodIsNamed() {
            List<FieldError> errors = GoalRules.violations(goal("x", "市场部").period("FY2026-Q2").window("Q2", "Q3")
                    .request());
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("window");
                assertThat(e.message()).contains("Q2–Q3").contains("FY2026-Q2");
            });
        }

        @Test
        void theWindowOfAQuarterGoalIsThatQuarter() {
            Period q2 = Period.parse("FY2026-Q2").orElseThrow();
            assertThat(GoalRules.effectiveWindow(null, q2)).isEqualTo(new GoalWindow(Quarter.Q2, Quarter.Q2));
            assertThat(GoalRules.effectiveWindow(null, Period.parse("FY2026").orElseThrow()))
                    .isEqualTo(new GoalWindow(Quarter.Q1, Quarter.Q4));
            assertThat(GoalRules.violations(goal("x", "市场部").period("FY2026-Q2").window("Q2", "Q2").request()))
                    .isEmpty();
        }

        @Test
        void aChallengeTargetMustBeBeyondTheBaseTargetInTheGoalsDirection() {
            assertThat(GoalRules.violations(goal("x", "市场部").targets(100, 120, 120).request()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("challengeTarget");
                        assertThat(e.message()).contains("above").contains("120");
                    });
            assertThat(GoalRules.violations(goal("x", "生产部").direction("LOWER_IS_BETTER").targets(10, 8, 9)
                    .request())).extracting(FieldError::field).containsExactly("challengeTarget");
            assertThat(GoalRules.violations(goal("x", "生产部").direction("LOWER_IS_BETTER").targets(10, 8, 7)
                    .request())).isEmpty();
        }

        @Test
        void aChallengeTargetNeedsABaseTarget() {
            assertThat(fieldsOf(GoalRules.violations(goal("x", "市场部").targets(null, null, 5).request())))
                    .containsExactly("baseTarget");
        }

        @Test
        void contributorsAreNeitherTheOwnerNorRepeated() {
            List<FieldError> errors = GoalRules.violations(goal("x", "市场部").contributors("销售部", "市场部", "销售部")
                    .request());
            assertThat(fieldsOf(errors)).containsExactly("contributingDepartments[1]", "contributingDepartments[2]");
            assertThat(errors.get(0).message()).contains("owner");
            assertThat(errors.get(1).message()).contains("twice");
        }

        @Test
        void quarterlyMilestonesAreFourOnAFiscalYearGoal() {
            assertThat(GoalRules.violations(goal("x", "市场部").plan("QUARTERLY_MILESTONES", 1, 2, 3).request()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("plan.milestones");
                        assertThat(e.message()).contains("4").contains("not 3");
                    });
            assertThat(fieldsOf(GoalRules.violations(goal("x", "市场部").period("FY2026-Q3")
                    .plan("QUARTERLY_MILESTONES", 1, 2, 3, 4).request()))).containsExactly("plan.type");
        }

        @Test
        void onlyQuarterlyMilestonePlansTakeMilestones() {
            assertThat(fieldsOf(GoalRules.violations(goal("x", "市场部").plan("LINEAR", 1, 2, 3, 4).request())))
                    .containsExactly("plan.milestones");
        }

        @Test
        void aSeasonalPlanNeedsAMeasure() {
            assertThat(fieldsOf(GoalRules.violations(goal("x", "市场部").plan("SEASONAL").request())))
                    .containsExactly("plan.type");
            assertThat(GoalRules.violations(goal("x", "市场部").plan("SEASONAL")
                    .measure("revenue", Map.of(), "TOTAL").request())).isEmpty();
        }
    }

    @Nested
    class Weights {
        @Test
        void anAnnualObjectiveWeighsOneHundredUnlessItSaysOtherwise() {
            assertThat(GoalRules.effectiveWeight(null, false)).contains(new BigDecimal("100"));
            assertThat(GoalRules.effectiveWeight(new BigDecimal("40"), false)).contains(new BigDecimal("40"));
        }

        @Test
        void aSubGoalMustNameItsWeight() {
            assertThat(GoalRules.effectiveWeight(null, true)).isEmpty();
            assertThat(GoalRules.weightOfSubGoal(null)).get().extracting(FieldError::field).isEqualTo("weight");
            assertThat(GoalRules.weightOfSubGoal(BigDecimal.ONE)).isEmpty();
        }

        @Test
        void siblingsMayWeighExactlyOneHundredTogether() {
            assertThat(GoalRules.siblingWeights(new BigDecimal("40"), List.of(new BigDecimal("35"), new BigDecimal("25"))))
                    .isEmpty();
        }

        @Test
        void siblingsBeyondOneHundredNameTheWeightAndTheTotal() {
            assertThat(GoalRules.siblingWeights(new BigDecimal("40.5"), List.of(new BigDecimal("60.00"))))
                    .get().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("weight");
                        assertThat(e.message()).contains("100.5").contains("other sub-goals weigh 60");
                    });
        }
    }

    @Nested
    class InTheTree {
        private final Placement annual = placed("客户增长", "FY2026", Quarter.Q2, Quarter.Q4);

        @Test
        void aChildInsideItsParentsYearAndWindowFits() {
            assertThat(GoalRules.insideParent(placed("老客户复购率", "FY2026", Quarter.Q2, Quarter.Q4), annual)).isEmpty();
            assertThat(GoalRules.insideParent(placed("三季度", "FY2026-Q3", Quarter.Q3, Quarter.Q3), annual)).isEmpty();
        }

        @Test
        void aChildWindowReachingOutsideTheParentsIsNamedWindow() {
            assertThat(GoalRules.insideParent(placed("新增客户数", "FY2026", Quarter.Q1, Quarter.Q4), annual))
                    .singleElement().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("window");
                        assertThat(e.message()).contains("Q1–Q4").contains("客户增长").contains("Q2–Q4");
                    });
        }

        @Test
        void aChildInAnotherYearOrQuarterIsNamedPeriod() {
            assertThat(GoalRules.insideParent(placed("x", "FY2027", Quarter.Q2, Quarter.Q4), annual))
                    .singleElement().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("period");
                        assertThat(e.message()).contains("FY2027").contains("FY2026");
                    });
            assertThat(fieldsOf(GoalRules.insideParent(placed("x", "FY2026-Q1", Quarter.Q1, Quarter.Q1), annual)))
                    .containsExactly("period");
            Placement quarterParent = placed("q2", "FY2026-Q2", Quarter.Q2, Quarter.Q2);
            assertThat(fieldsOf(GoalRules.insideParent(placed("x", "FY2026", Quarter.Q2, Quarter.Q2), quarterParent)))
                    .containsExactly("period");
        }

        @Test
        void narrowingAGoalMustKeepEverySubGoalInside() {
            Placement narrowed = placed("客户增长", "FY2026", Quarter.Q3, Quarter.Q4);
            List<FieldError> errors = GoalRules.stillContainsChildren(narrowed, List.of(
                    placed("老客户复购率", "FY2026", Quarter.Q2, Quarter.Q4),
                    placed("新增客户数", "FY2026", Quarter.Q3, Quarter.Q4)));
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("window");
                assertThat(e.message()).contains("老客户复购率");
            });
            Placement nextYear = placed("客户增长", "FY2027", Quarter.Q1, Quarter.Q4);
            assertThat(fieldsOf(GoalRules.stillContainsChildren(nextYear,
                    List.of(placed("新增客户数", "FY2026", Quarter.Q3, Quarter.Q4))))).containsExactly("period");
        }

        @Test
        void aGoalCannotMoveBelowItselfOrItsSubGoals() {
            UUID self = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            assertThat(GoalRules.notItsOwnAncestor(self, List.of(self))).get()
                    .satisfies(e -> assertThat(e.message()).contains("itself"));
            assertThat(GoalRules.notItsOwnAncestor(self, List.of(child, self, other))).get()
                    .extracting(FieldError::field).isEqualTo("parentId");
            assertThat(GoalRules.notItsOwnAncestor(self, List.of(other))).isEmpty();
        }
    }

    @Nested
    class Periods {
        @Test
        void aFiscalYearOrAQuarterOfIt() {
            assertThat(Period.parse("FY2026")).contains(new Period(2026, null));
            assertThat(Period.parse("FY2026-Q2")).contains(new Period(2026, Quarter.Q2));
            assertThat(Period.parse("FY2026-Q2").orElseThrow().label()).isEqualTo("FY2026-Q2");
            assertThat(Period.parse("2026")).isEmpty();
            assertThat(Period.parse("FY2026-Q5")).isEmpty();
            assertThat(Period.parse("FY26")).isEmpty();
            assertThat(Period.parse(null)).isEmpty();
        }

        @Test
        void windowsContainTheirOwnQuarters() {
            GoalWindow q2q4 = new GoalWindow(Quarter.Q2, Quarter.Q4);
            assertThat(q2q4.contains(new GoalWindow(Quarter.Q3, Quarter.Q4))).isTrue();
            assertThat(q2q4.contains(q2q4)).isTrue();
            assertThat(q2q4.contains(new GoalWindow(Quarter.Q1, Quarter.Q2))).isFalse();
            assertThat(q2q4.label()).isEqualTo("Q2–Q4");
            assertThat(new GoalWindow(Quarter.Q3, Quarter.Q3).label()).isEqualTo("Q3");
        }
    }
}
