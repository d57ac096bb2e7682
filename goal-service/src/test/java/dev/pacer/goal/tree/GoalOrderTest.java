package dev.pacer.goal.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.problem.ProblemException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GoalOrderTest {
    private static Goal goalTitled(String title) {
        return new Goal(UUID.randomUUID(), null, title, null, "市场部", null, java.util.List.of(), "FY2026",
                new GoalWindow(Quarter.Q1, Quarter.Q4), java.math.BigDecimal.TEN, null, null, null, null,
                Direction.HIGHER_IS_BETTER, Plan.LINEAR, GoalStatus.DRAFT, 1,
                OffsetDateTime.parse("2026-01-05T08:00:00.123456Z"), "a", OffsetDateTime.parse("2026-01-05T08:00:00Z"), "a");
    }

    @Test
    void sortsByCreationTimeUnlessToldOtherwise() {
        assertThat(GoalOrder.parse(null)).isEqualTo(new GoalOrder(GoalOrder.Field.CREATED_AT, false));
        assertThat(GoalOrder.parse("-title")).isEqualTo(new GoalOrder(GoalOrder.Field.TITLE, true));
        assertThatThrownBy(() -> GoalOrder.parse("weight")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("sort")));
    }

    @Test
    void aCursorContinuesAfterTheLastGoalEvenWhenTheTitleHasLineBreaks() {
        Goal last = goalTitled("年度目标\n市场占有率提升");
        GoalOrder byTitle = GoalOrder.parse("title");
        GoalOrder.After after = byTitle.after(Cursors.encode(byTitle.cursorAfter(last)));
        assertThat(after.value()).isEqualTo(last.title());
        assertThat(after.id()).isEqualTo(last.id());

        GoalOrder byCreation = GoalOrder.parse("-createdAt");
        assertThat(byCreation.after(Cursors.encode(byCreation.cursorAfter(last))).createdAt())
                .isEqualTo(last.createdAt());
    }

    @Test
    void aCursorOfAnotherOrderOrNotOfOursIsNamed() {
        Goal last = goalTitled("客户增长");
        String byTitle = Cursors.encode(GoalOrder.parse("title").cursorAfter(last));
        assertThatThrownBy(() -> GoalOrder.parse("createdAt").after(byTitle))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).contains("cursor"));
        assertThatThrownBy(() -> GoalOrder.parse("title").after(Cursors.encode("title\nno-id")))
                .isInstanceOf(ProblemException.class);
        assertThat(GoalOrder.parse("title").after(null)).isNull();
    }
}
