package dev.pacer.goal.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.platform.problem.ProblemException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoalPermissionsTest {
    private static final Actor ADMIN = new Actor("admin", true, false, false, Set.of());
    private static final Actor MARKETING_MANAGER = new Actor("m", false, true, true, Set.of("市场部"));
    private static final Actor MARKETING_VIEWER = new Actor("v", false, false, true, Set.of("市场部"));
    private static final Actor STEWARD = new Actor("s", false, false, false, Set.of("市场部"));

    @Test
    void readersSeeGoalsTheirDepartmentsOwnOrContributeTo() {
        assertThat(GoalPermissions.canRead(MARKETING_VIEWER, "市场部", List.of())).isTrue();
        assertThat(GoalPermissions.canRead(MARKETING_VIEWER, "客户服务部", List.of("市场部"))).isTrue();
        assertThat(GoalPermissions.canRead(MARKETING_VIEWER, "客户服务部", List.of("销售部"))).isFalse();
        assertThat(GoalPermissions.canRead(ADMIN, "客户服务部", List.of())).isTrue();
    }

    @Test
    void rolesThatDoNotReadGoalsSeeNoneEvenInTheirDepartment() {
        assertThat(GoalPermissions.canRead(STEWARD, "市场部", List.of())).isFalse();
    }

    @Test
    void managersManageOnlyGoalsTheirDepartmentsOwn() {
        assertThat(GoalPermissions.canManage(MARKETING_MANAGER, "市场部")).isTrue();
        assertThat(GoalPermissions.canManage(MARKETING_MANAGER, "销售部")).isFalse();
        assertThat(GoalPermissions.canManage(MARKETING_VIEWER, "市场部")).isFalse();
        assertThat(GoalPermissions.canManage(ADMIN, "销售部")).isTrue();
    }

    @Test
    void aRefusalIsA403ThatDoesNotRevealTheGoalsDepartments() {
        assertThatThrownBy(() -> GoalPermissions.requireRead(MARKETING_VIEWER, "销售部", List.of("财务部"), "This goal"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(403);
                    assertThat(e.problem().detail()).contains("市场部").doesNotContain("销售部").doesNotContain("财务部");
                });
        assertThatThrownBy(() -> GoalPermissions.requireManage(MARKETING_MANAGER, "销售部", "this goal"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }
}
