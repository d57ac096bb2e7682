package dev.pacer.alert.lifecycle;

import static dev.pacer.events.AlertState.FIRING;
import static dev.pacer.events.AlertState.PENDING;
import static dev.pacer.events.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.alert.rule.AlertRule;
import dev.pacer.alert.rule.Breach;
import dev.pacer.alert.rule.GoalPace;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.PaceStatus;
import dev.pacer.events.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {
    private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    private static final Duration PENDING_FOR = Duration.ofMinutes(10);
    private static final Duration KEEP_FIRING_FOR = Duration.ofMinutes(15);
    private static final AlertSubject GOAL = AlertSubject.goal("g-1", List.of("sales", "marketing"));

    private static AlertRule rule(Duration pendingFor, Duration keepFiringFor) {
        return new AlertRule("r-pace", "Goal off track", Severity.CRITICAL, Map.of("team", "revenue"),
                GoalPace.worseThan(PaceStatus.ON_TRACK, 1), pendingFor, keepFiringFor);
    }

    private static Alert alert() {
        return Alert.of(rule(PENDING_FOR, KEEP_FIRING_FOR), GOAL);
    }

    private static Breach breach(String value) {
        return Breach.breached(new BigDecimal(value), new BigDecimal("500"), null, "actual " + value + " behind");
    }

    private static Breach clear(String value) {
        return Breach.clear(new BigDecimal(value), new BigDecimal("500"), null, "actual " + value + " on pace");
    }

    private static Evaluation at(Duration offset, Breach b) {
        return new Evaluation(null, T0.plus(offset), b);
    }

    private static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    private static List<String> kinds(List<AlertEvent> events) {
        return events.stream().map(e -> {
            if (e instanceof AlertEvent.StateChanged s) {
                return s.from() + "->" + s.to();
            }
            if (e instanceof AlertEvent.Notify n) {
                return "notify " + n.state();
            }
            return "ack";
        }).toList();
    }

    /** An alert that fired at T0 + 10 min. */
    private static Alert firing() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        assertThat(kinds(a.apply(at(min(10), breach("390"))))).containsExactly("PENDING->FIRING", "notify FIRING");
        return a;
    }

    @Test
    void aNewAlertIsInactive() {
        Alert a = alert();
        assertThat(a.state()).isEmpty();
        assertThat(a.alertId()).isNull();
        assertThat(a.history()).isEmpty();
        assertThat(a.fingerprint()).isEqualTo("3776a0572acbe875487a0ab74ebf8ddc");
    }

    @Test
    void aBreachStartsPendingAndNotifiesNobody() {
        Alert a = alert();
        List<AlertEvent> events = a.apply(at(min(0), breach("400")));
        assertThat(kinds(events)).containsExactly("null->PENDING");
        assertThat(a.state()).contains(PENDING);
        assertThat(a.pendingSince()).isEqualTo(T0);
        assertThat(a.alertId()).isEqualTo(a.fingerprint() + "-1");
    }

    @Test
    void aBreachLastingThePendingDurationFiresAndNotifiesOnce() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        assertThat(a.apply(at(min(5), breach("395")))).isEmpty();
        assertThat(a.apply(at(Duration.ofSeconds(599), breach("394")))).isEmpty();
        List<AlertEvent> fired = a.apply(at(min(10), breach("390")));
        assertThat(kinds(fired)).containsExactly("PENDING->FIRING", "notify FIRING");
        AlertEvent.Notify notify = (AlertEvent.Notify) fired.get(1);
        assertThat(notify.evidence().value()).isEqualByComparingTo("390");
        assertThat(notify.at()).isEqualTo(T0.plus(min(10)));
        assertThat(a.firingSince()).isEqualTo(T0.plus(min(10)));
        assertThat(a.apply(at(min(11), breach("385")))).isEmpty();
        assertThat(a.state()).contains(FIRING);
    }

    @Test
    void aBreachShorterThanThePendingDurationResolvesQuietly() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        List<AlertEvent> events = a.apply(at(Duration.ofSeconds(599), clear("480")));
        assertThat(kinds(events)).containsExactly("PENDING->RESOLVED");
        assertThat(events).noneMatch(e -> e instanceof AlertEvent.Notify);
        assertThat(a.state()).contains(RESOLVED);
        assertThat(a.history().get(1).reason()).contains("before the pending duration PT10M")
                .contains("actual 480 on pace");
        // and time passing afterwards does not fire it
        assertThat(a.tick(T0.plus(min(30)))).isEmpty();
    }

    @Test
    void timePassingFiresAPendingAlertWithoutANewEvaluation() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        assertThat(a.tick(T0.plus(min(9)))).isEmpty();
        List<AlertEvent> fired = a.tick(T0.plus(min(10)));
        assertThat(kinds(fired)).containsExactly("PENDING->FIRING", "notify FIRING");
        assertThat(a.history().get(1).reason()).startsWith("still breached at 2026-05-04T09:10:00Z for PT10M");
        assertThat(a.tick(T0.plus(min(20)))).isEmpty();
    }

    @Test
    void aFiringAlertStaysFiringUntilClearForTheKeepFiringDuration() {
        Alert a = firing();
        assertThat(a.apply(at(min(20), clear("480")))).isEmpty();
        assertThat(a.clearSince()).isEqualTo(T0.plus(min(20)));
        assertThat(a.apply(at(min(34), clear("490")))).isEmpty();
        assertThat(a.state()).contains(FIRING);
        List<AlertEvent> resolved = a.apply(at(min(35), clear("495")));
        assertThat(kinds(resolved)).containsExactly("FIRING->RESOLVED", "notify RESOLVED");
        assertThat(a.history().get(2).reason()).startsWith("clear for PT15M since 2026-05-04T09:20:00Z");
    }

    @Test
    void aBreachWhileWaitingToResolveRestartsTheWaitSoTheAlertDoesNotFlap() {
        Alert a = firing();
        a.apply(at(min(20), clear("480")));
        assertThat(a.apply(at(min(25), breach("420")))).isEmpty();
        assertThat(a.clearSince()).isNull();
        a.apply(at(min(30), clear("480")));
        assertThat(a.apply(at(min(36), clear("480")))).isEmpty(); // would have resolved without the re-breach
        assertThat(a.state()).contains(FIRING);
        assertThat(kinds(a.apply(at(min(45), clear("480"))))).containsExactly("FIRING->RESOLVED", "notify RESOLVED");
        assertThat(a.history()).hasSize(3);
    }

    @Test
    void timePassingResolvesAFiringAlertThatStayedClear() {
        Alert a = firing();
        a.apply(at(min(20), clear("480")));
        assertThat(a.tick(T0.plus(min(34)))).isEmpty();
        assertThat(kinds(a.tick(T0.plus(min(35))))).containsExactly("FIRING->RESOLVED", "notify RESOLVED");
    }

    @Test
    void withoutPendingDurationTheFirstBreachFiresAtOnce() {
        Alert a = Alert.of(rule(Duration.ZERO, Duration.ZERO), GOAL);
        assertThat(kinds(a.apply(at(min(0), breach("400"))))).containsExactly("null->FIRING", "notify FIRING");
        assertThat(kinds(a.apply(at(min(1), clear("480"))))).containsExactly("FIRING->RESOLVED", "notify RESOLVED");
    }

    @Test
    void aBreachWhileResolvedStartsANewPendingCycle() {
        Alert a = firing();
        a.acknowledge("bob", "looking", T0.plus(min(12)));
        a.apply(at(min(20), clear("480")));
        a.apply(at(min(35), clear("480")));
        assertThat(a.state()).contains(RESOLVED);
        String firstId = a.alertId();
        List<AlertEvent> again = a.apply(at(min(60), breach("410")));
        assertThat(kinds(again)).containsExactly("RESOLVED->PENDING");
        assertThat(a.cycle()).isEqualTo(2);
        assertThat(a.alertId()).isEqualTo(a.fingerprint() + "-2").isNotEqualTo(firstId);
        assertThat(a.acknowledgement()).isEmpty();
        assertThat(a.pendingSince()).isEqualTo(T0.plus(min(60)));
        assertThat(a.apply(at(min(69), breach("410")))).isEmpty();
        assertThat(kinds(a.apply(at(min(70), breach("410"))))).containsExactly("PENDING->FIRING", "notify FIRING");
    }

    @Test
    void clearVerdictsOnAnInactiveOrResolvedAlertChangeNothing() {
        Alert a = alert();
        assertThat(a.apply(at(min(0), clear("480")))).isEmpty();
        assertThat(a.state()).isEmpty();
        a.apply(at(min(1), breach("400")));
        a.apply(at(min(2), clear("480")));
        assertThat(a.apply(at(min(3), clear("490")))).isEmpty();
        assertThat(a.history()).hasSize(2);
    }

    @Test
    void aNotApplicableVerdictMovesNothing() {
        Alert a = firing();
        a.apply(at(min(20), clear("480")));
        assertThat(a.apply(at(min(21), Breach.notApplicable("another grain")))).isEmpty();
        assertThat(a.clearSince()).isEqualTo(T0.plus(min(20)));
        Alert pending = alert();
        pending.apply(at(min(0), breach("400")));
        assertThat(pending.apply(at(min(1), Breach.notApplicable("no forecast")))).isEmpty();
        assertThat(pending.state()).contains(PENDING);
    }

    @Test
    void acknowledgingRecordsWhoAndANoteOnce() {
        Alert a = firing();
        List<AlertEvent> events = a.acknowledge("bob", "on it", T0.plus(min(12)));
        assertThat(events).hasSize(1);
        AlertEvent.Acknowledged ack = (AlertEvent.Acknowledged) events.get(0);
        assertThat(ack.state()).isEqualTo(FIRING);
        assertThat(ack.acknowledgement()).isEqualTo(new Acknowledgement("bob", "on it", T0.plus(min(12))));
        assertThat(a.acknowledge("bob", "on it", T0.plus(min(13)))).isEmpty();
        assertThat(a.acknowledge("carol", "me too", T0.plus(min(14)))).isEmpty();
        assertThat(a.acknowledgement()).map(Acknowledgement::by).contains("bob");
    }

    @Test
    void aPendingAlertCanBeAcknowledgedAndStaysAcknowledgedWhenItFires() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        assertThat(a.acknowledge("bob", "", T0.plus(min(1)))).hasSize(1);
        AlertEvent.StateChanged fired = (AlertEvent.StateChanged) a.apply(at(min(10), breach("400"))).get(0);
        assertThat(fired.acknowledged()).isTrue();
    }

    @Test
    void onlyAPendingOrFiringAlertCanBeAcknowledged() {
        Alert a = alert();
        assertThatThrownBy(() -> a.acknowledge("bob", "", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inactive");
        a.apply(at(min(0), breach("400")));
        a.apply(at(min(1), clear("480")));
        assertThatThrownBy(() -> a.acknowledge("bob", "", T0.plus(min(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RESOLVED");
        Alert b = firing();
        assertThatThrownBy(() -> b.acknowledge(" ", "", T0.plus(min(2)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameEventIdAppliedTwiceCausesNoSecondTransitionOrNotification() {
        Alert a = Alert.of(rule(Duration.ZERO, Duration.ZERO), GOAL);
        Evaluation e = new Evaluation("evt-1", T0, breach("400"));
        assertThat(kinds(a.apply(e))).containsExactly("null->FIRING", "notify FIRING");
        assertThat(a.apply(e)).isEmpty();
        assertThat(a.apply(new Evaluation("evt-1", T0.plus(min(1)), clear("480")))).isEmpty(); // same id, redelivered
        assertThat(a.state()).contains(FIRING);
        assertThat(a.history()).hasSize(1);
    }

    @Test
    void theSameTimestampAndValueAppliedTwiceCausesNoSecondTransition() {
        Alert a = Alert.of(rule(Duration.ZERO, Duration.ZERO), GOAL);
        a.apply(at(min(0), breach("400")));
        a.apply(at(min(1), clear("480")));
        assertThat(a.apply(at(min(1), clear("480.0")))).isEmpty();
        assertThat(a.history()).hasSize(2);
        // the same instant with another value is a different evaluation
        assertThat(kinds(a.apply(at(min(1), breach("300"))))).containsExactly("RESOLVED->FIRING", "notify FIRING");
    }

    @Test
    void anEvaluationOlderThanTheLatestSeenIsIgnored() {
        Alert a = firing();
        assertThat(a.apply(at(min(5), clear("480")))).isEmpty();
        assertThat(a.clearSince()).isNull();
        a.tick(T0.plus(min(40)));
        assertThat(a.apply(at(min(39), clear("480")))).isEmpty();
        assertThat(a.state()).contains(FIRING);
    }

    @Test
    void keepsTheFullHistoryWithTheReasonOfEachChange() {
        Alert a = firing();
        a.apply(at(min(20), clear("480")));
        a.apply(at(min(35), clear("480")));
        a.apply(at(min(60), breach("410")));
        assertThat(a.history()).extracting(t -> t.cycle() + ":" + t.from() + "->" + t.to() + "@" + t.at())
                .containsExactly("1:null->PENDING@2026-05-04T09:00:00Z", "1:PENDING->FIRING@2026-05-04T09:10:00Z",
                        "1:FIRING->RESOLVED@2026-05-04T09:35:00Z", "2:RESOLVED->PENDING@2026-05-04T10:00:00Z");
        assertThat(a.history().get(0).reason()).isEqualTo("breach began: actual 400 behind");
        assertThat(a.history().get(1).reason()).isEqualTo("breached for PT10M since 2026-05-04T09:00:00Z, at least"
                + " the pending duration PT10M: actual 390 behind");
        assertThat(a.history().get(1).evidence().value()).isEqualByComparingTo("390");
        assertThatThrownBy(() -> a.history().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aStateChangeIsPublishedAsAlertStateChangedWithItsEvidence() {
        Alert a = alert();
        a.apply(at(min(0), breach("400")));
        AlertEvent fired = a.apply(at(min(10), breach("390"))).get(0);
        AlertStateChanged m = a.toPublished(fired);
        assertThat(m.alertId()).isEqualTo(a.fingerprint() + "-1");
        assertThat(m.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(m.ruleId()).isEqualTo("r-pace");
        assertThat(m.ruleName()).isEqualTo("Goal off track");
        assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(m.state()).isEqualTo(FIRING);
        assertThat(m.previousState()).isEqualTo(PENDING);
        assertThat(m.subjectKind()).isEqualTo("goal");
        assertThat(m.subjectId()).isEqualTo("g-1");
        assertThat(m.departments()).containsExactly("sales", "marketing");
        assertThat(m.labels()).containsEntry("department", "sales").containsEntry("team", "revenue")
                .containsEntry("alertname", "Goal off track").containsEntry("severity", "critical");
        assertThat(m.evidence()).containsEntry("value", new BigDecimal("390"))
                .containsEntry("expectation", new BigDecimal("500")).containsEntry("ruleKind", "goal_pace");
        assertThat(m.changedAt()).isEqualTo(OffsetDateTime.parse("2026-05-04T09:10:00Z"));
        AlertStateChanged acked = a.toPublished(a.acknowledge("bob", "on it", T0.plus(min(11))).get(0));
        assertThat(acked.acknowledged()).isTrue();
        assertThat(acked.state()).isEqualTo(FIRING);
        assertThat(acked.reason()).isEqualTo("acknowledged by bob: on it");
    }

    @Test
    void aNotifyIntentIsNotAStateChangeMessage() {
        Alert a = Alert.of(rule(Duration.ZERO, Duration.ZERO), GOAL);
        AlertEvent notify = a.apply(at(min(0), breach("400"))).get(1);
        assertThatThrownBy(() -> a.toPublished(notify)).isInstanceOf(IllegalArgumentException.class);
        Alert other = Alert.of(rule(Duration.ZERO, Duration.ZERO), AlertSubject.goal("g-2", List.of()));
        AlertEvent otherEvent = other.apply(at(min(0), breach("400"))).get(0);
        assertThatThrownBy(() -> a.toPublished(otherEvent)).isInstanceOf(IllegalArgumentException.class);
    }
}
