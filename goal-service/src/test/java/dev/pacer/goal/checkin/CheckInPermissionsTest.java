package dev.pacer.goal.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.goal.tree.Actor;
import dev.pacer.platform.problem.ProblemException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckInPermissionsTest {
    private static Actor actor(boolean admin, boolean manager, String... departments) {
        return new Actor("u", admin, manager, true, Set.of(departments));
    }

    @Test
    void aMemberOfTheOwnerOrAContributingDepartmentChecksInForIt() {
        assertThat(CheckInPermissions.requireCheckIn(actor(false, false, "b"), true, "a", List.of("b", "c")))
                .contains("b");
        assertThat(CheckInPermissions.requireCheckIn(actor(false, true, "c", "a"), false, "a", List.of("b", "c")))
                .contains("a");
    }

    @Test
    void viewersAndOutsidersAreRefusedAndAdminsNeedNoDepartment() {
        assertThatThrownBy(() -> CheckInPermissions.requireCheckIn(actor(false, false, "a"), false, "a", List.of()))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> CheckInPermissions.requireCheckIn(actor(false, false, "x"), true, "a", List.of("b")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("[a, b]");
        assertThat(CheckInPermissions.requireCheckIn(actor(true, false), false, "a", List.of())).isEmpty();
    }
}
