package dev.pacer.alert.lifecycle;

import static dev.pacer.events.AlertState.FIRING;
import static dev.pacer.events.AlertState.PENDING;
import static dev.pacer.events.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.alert.rule.AlertRule;
import dev.pacer.alert.rule.Breach;
import dev.pacer.alert.rule.GoalPace;
import dev.pacer.events.PaceStatus;
import dev.pacer.events.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An alert stored between evaluations goes on exactly where it left off; scheduler ticks never make events late. */
class AlertRestoreTest {
    private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    private static final AlertSubject GOAL = AlertSubject.goal("g-1", List.of("sales"));
    private static final AlertRule RULE = new AlertRule("r-1", "Behind", Severity.CRITICAL, Map.of(),
            GoalPace.worseThan(PaceStatus.ON_TRACK, 1), Duration.ofMinutes(10), Duration.ofMinutes(5));

    private static Breach breach(String v) {
        return Breach.breached(new BigDecimal(v), BigDecimal.ONE, null, "behind " + v);
    }

    private static Breach clear(String v) {
        return Breach.clear(new BigDecimal(v), BigDecimal.ONE, null, "on pace " + v);
    }

    private static Alert roundTrip(Alert a) {
        return Alert.restore(RULE, GOAL, a.snapshot());
    }

    @Test
    void aRestoredAlertContinuesItsCycle() {
        Alert a = Alert.of(RULE, GOAL);
        a.apply(new Evaluation("e1", T0, breach("1")));
        Alert b = roundTrip(a);
        assertThat(b.state()).contains(PENDING);
        assertThat(b.alertId()).isEqualTo(a.alertId());
        assertThat(b.dueAt()).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(b.tick(T0.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(b.tick(T0.plus(Duration.ofMinutes(10)))).hasSize(2); // FIRING + notify
        Alert c = roundTrip(b);
        assertThat(c.state()).contains(FIRING);
        assertThat(c.dueAt()).isEmpty();
        assertThat(c.apply(new Evaluation("e2", T0.plus(Duration.ofMinutes(11)), breach("1")))).isEmpty();
    }

    @Test
    void aDuplicateOfTheLastEvaluationIsStillRecognisedAfterARestore() {
        Alert a = Alert.of(RULE, GOAL);
        a.apply(new Evaluation("e1", T0, breach("1")));
        Alert b = roundTrip(a);
        assertThat(b.apply(new Evaluation("e1-again", T0, breach("1")))).isEmpty();
    }

    @Test
    void anEventStampedJustBeforeATickStillCountsAndKeepsTheHistoryInOrder() {
        Alert a = Alert.of(RULE, GOAL);
        a.apply(new Evaluation("e1", T0, breach("1")));
        Instant tick = T0.plus(Duration.ofMinutes(10)).plusSeconds(3);
        assertThat(a.tick(tick)).isNotEmpty();
        // the recovery was measured 2 s before the tick fired the alert, and arrives after it
        Alert b = roundTrip(a);
        assertThat(b.apply(new Evaluation("e2", tick.minusSeconds(2), clear("2")))).isEmpty(); // keep-firing wait
        assertThat(b.clearSince()).isEqualTo(tick);
        assertThat(b.dueAt()).contains(tick.plus(Duration.ofMinutes(5)));
        List<AlertEvent> resolved = b.tick(tick.plus(Duration.ofMinutes(5)));
        assertThat(resolved).first().isInstanceOfSatisfying(AlertEvent.StateChanged.class,
                s -> assertThat(s.to()).isEqualTo(RESOLVED));
    }
}
