package dev.pacer.goal.review;

import static dev.pacer.events.PaceStatus.AHEAD;
import static dev.pacer.events.PaceStatus.AT_RISK;
import static dev.pacer.events.PaceStatus.NO_DATA;
import static dev.pacer.events.PaceStatus.OFF_TRACK;
import static dev.pacer.events.PaceStatus.ON_TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReviewComposerTest {
    private static final LocalDate Q3 = LocalDate.parse("2026-07-01");
    private static final LocalDate Q4 = LocalDate.parse("2026-10-01");

    private final UUID root = UUID.randomUUID();
    private final UUID growth = UUID.randomUUID();
    private final UUID repurchase = UUID.randomUUID();
    private final UUID untouched = UUID.randomUUID();

    private List<ReviewComposer.GoalInput> goals() {
        return List.of(goal(root, null, "客户增长", 100), goal(growth, root, "新增客户数", 60),
                goal(repurchase, root, "老客户复购率", 40), goal(untouched, root, "新渠道", 0));
    }

    private static ReviewComposer.GoalInput goal(UUID id, UUID parent, String title, int weight) {
        return new ReviewComposer.GoalInput(id, parent, title, "市场部", "zhang.wei", List.of("客户服务部"),
                BigDecimal.valueOf(weight));
    }

    private static ReviewComposer.Point point(UUID goal, String asOf, PaceStatus status, PaceStatus previous,
            String toDate, String actual, String expected, String base) {
        return new ReviewComposer.Point(goal, LocalDate.parse(asOf), status, previous, d(toDate), null, d(actual),
                d(expected), d(base));
    }

    private static BigDecimal d(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static ReviewComposer.CheckInInput checkIn(UUID goal, String at, int confidence, String blockers) {
        OffsetDateTime t = OffsetDateTime.parse(at);
        return new ReviewComposer.CheckInInput(goal, "li.na", confidence, blockers, t.toLocalDate(), t);
    }

    @Test
    void eachGoalStandsAsItsLastPointBeforeThePeriodEndsWithItsVariances() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(
                point(growth, "2026-08-31", ON_TRACK, null, "1", "800", "800", "1200"),
                point(growth, "2026-09-30", AT_RISK, ON_TRACK, "0.9", "900", "1000", "1200"),
                // after the period: not part of a Q3 review
                point(growth, "2026-10-05", OFF_TRACK, AT_RISK, "0.8", "910", "1137.5", "1200")), List.of());

        ReviewContent.GoalLine line = r.goals().get(1);
        assertThat(line.status()).isEqualTo(AT_RISK);
        assertThat(line.asOf()).isEqualTo("2026-09-30");
        assertThat(line.varianceToExpected()).isEqualByComparingTo("-100");
        assertThat(line.varianceToBase()).isEqualByComparingTo("-300");
        assertThat(r.goals().get(3).status()).isEqualTo(NO_DATA);
        assertThat(r.goals().get(3).actual()).isNull();
    }

    @Test
    void statusChangesAreThoseDatedWithinThePeriod() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(
                point(growth, "2026-06-30", AT_RISK, ON_TRACK, "0.9", "500", "555", "1200"),
                point(growth, "2026-07-31", ON_TRACK, AT_RISK, "1", "700", "700", "1200"),
                point(growth, "2026-08-31", ON_TRACK, ON_TRACK, "1.01", "808", "800", "1200"),
                point(growth, "2026-09-30", AT_RISK, ON_TRACK, "0.9", "900", "1000", "1200"),
                point(growth, "2026-10-31", OFF_TRACK, AT_RISK, "0.8", "910", "1137.5", "1200")), List.of());

        assertThat(r.statusChanges()).extracting(c -> c.asOf() + " " + c.from() + "→" + c.to())
                .containsExactly("2026-07-31 AT_RISK→ON_TRACK", "2026-09-30 ON_TRACK→AT_RISK");
    }

    @Test
    void aLaggardListsTheSubGoalsBelowPlanLargestShortfallFirst() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(
                point(root, "2026-09-30", OFF_TRACK, ON_TRACK, "0.82", null, null, null),
                point(growth, "2026-09-30", AT_RISK, ON_TRACK, "0.9", "900", "1000", "1200"),
                point(repurchase, "2026-09-30", OFF_TRACK, AT_RISK, "0.7", "0.21", "0.3", "0.35")), List.of());

        assertThat(r.laggards()).extracting(ReviewContent.Laggard::goalId)
                .containsExactly(root, growth, repurchase);
        List<ReviewContent.Drag> drags = r.laggards().get(0).pulledDownBy();
        // shares 0.6 and 0.4: shortfalls 0.6 × 0.1 = 0.06 and 0.4 × 0.3 = 0.12
        assertThat(drags).extracting(ReviewContent.Drag::goalId).containsExactly(repurchase, growth);
        assertThat(drags.get(0).shortfall()).isEqualByComparingTo("0.12");
        assertThat(drags.get(0).contribution()).isEqualByComparingTo("0.28");
        assertThat(drags.get(1).shortfall()).isEqualByComparingTo("0.06");
        assertThat(drags.get(1).contribution()).isEqualByComparingTo("0.54");
        assertThat(r.laggards().get(1).pulledDownBy()).isEmpty();
    }

    @Test
    void aSubGoalAheadOfPlanPullsNothingDown() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(
                point(root, "2026-09-30", AT_RISK, null, "0.9", null, null, null),
                point(growth, "2026-09-30", AHEAD, null, "1.2", "1200", "1000", "1200"),
                point(repurchase, "2026-09-30", OFF_TRACK, null, "0.45", "0.1", "0.3", "0.35")), List.of());

        assertThat(r.laggards().get(0).pulledDownBy()).extracting(ReviewContent.Drag::goalId)
                .containsExactly(repurchase);
    }

    @Test
    void theCheckInSummaryCountsThePeriodsCheckInsAndKeepsTheBlockersOfEachGoalsLatest() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(), List.of(
                checkIn(growth, "2026-06-30T10:00:00Z", 1, "旧的阻碍"),
                checkIn(growth, "2026-07-10T10:00:00Z", 5, "渠道预算尚未批复"),
                checkIn(growth, "2026-08-10T10:00:00Z", 8, null),
                checkIn(repurchase, "2026-09-10T10:00:00Z", 4, "客服人手不足"),
                checkIn(UUID.randomUUID(), "2026-09-10T10:00:00Z", 0, "另一棵树")));

        assertThat(r.checkIns().count()).isEqualTo(3);
        assertThat(r.checkIns().averageConfidence()).isEqualByComparingTo("5.67");
        assertThat(r.checkIns().openBlockers()).extracting(ReviewContent.Blocker::blockers)
                .containsExactly("客服人手不足");
    }

    @Test
    void aPeriodWithoutCheckInsHasNoAverage() {
        ReviewContent r = ReviewComposer.compose(Q3, Q4, goals(), List.of(), List.of());

        assertThat(r.checkIns().count()).isZero();
        assertThat(r.checkIns().averageConfidence()).isNull();
        assertThat(r.goals()).allMatch(g -> g.status() == NO_DATA);
        assertThat(r.laggards()).isEmpty();
    }
}
