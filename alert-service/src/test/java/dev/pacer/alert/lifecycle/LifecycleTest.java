package dev.pacer.alert.lifecycle;

import static dev.pacer.events.AlertState.FIRING;
import static dev.pacer.events.AlertState.PENDING;
import static dev.pacer.events.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.AlertState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void allowsExactlyTheSevenLifecycleTransitions() {
        List<String> allowed = new ArrayList<>();
        List<AlertState> froms = new ArrayList<>(Arrays.asList(AlertState.values()));
        froms.add(0, null);
        for (AlertState from : froms) {
            for (AlertState to : AlertState.values()) {
                if (Lifecycle.allowed(from, to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactly("null->PENDING", "null->FIRING", "PENDING->FIRING", "PENDING->RESOLVED",
                "FIRING->RESOLVED", "RESOLVED->PENDING", "RESOLVED->FIRING");
    }

    @Test
    void rejectsIllegalTransitions() {
        assertThatThrownBy(() -> Lifecycle.check(FIRING, PENDING))
                .isInstanceOf(Lifecycle.IllegalTransitionException.class).hasMessageContaining("FIRING -> PENDING");
        assertThatThrownBy(() -> Lifecycle.check(null, RESOLVED))
                .isInstanceOf(Lifecycle.IllegalTransitionException.class).hasMessageContaining("(inactive) -> RESOLVED");
        assertThatThrownBy(() -> Lifecycle.check(RESOLVED, RESOLVED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Lifecycle.check(PENDING, PENDING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Lifecycle.check(FIRING, FIRING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Lifecycle.check(PENDING, null)).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> Lifecycle.check(PENDING, FIRING)).doesNotThrowAnyException();
    }
}
