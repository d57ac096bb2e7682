package dev.pacer.alert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DepartmentScopeTest {
    @Test
    void anAdminManagesAnything() {
        assertThat(DepartmentScope.canManage(true, false, Set.of(), List.of("finance"))).isTrue();
    }

    @Test
    void aManagerManagesWhatLiesWhollyWithinTheirDepartments() {
        assertThat(DepartmentScope.canManage(false, true, Set.of("sales", "ops"), List.of("sales"))).isTrue();
        assertThat(DepartmentScope.canManage(false, true, Set.of("sales", "ops"), List.of("sales", "ops"))).isTrue();
        assertThat(DepartmentScope.canManage(false, true, Set.of("sales"), List.of("sales", "finance"))).isFalse();
        assertThat(DepartmentScope.canManage(false, true, Set.of("sales"), List.of("finance"))).isFalse();
        assertThat(DepartmentScope.canManage(false, true, Set.of("sales"), List.of())).isFalse();
    }

    @Test
    void nobodyElseManagesAnything() {
        assertThat(DepartmentScope.canManage(false, false, Set.of("sales"), List.of("sales"))).isFalse();
    }
}
