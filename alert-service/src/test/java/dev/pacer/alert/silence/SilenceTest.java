package dev.pacer.alert.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SilenceTest {
    private static final Instant START = Instant.parse("2026-03-02T22:00:00Z");
    private static final Instant END = Instant.parse("2026-03-03T06:00:00Z");
    private static final Map<String, String> STALE_REVENUE = Map.of("alertname", "MetricStale", "metric", "revenue",
            "department", "sales", "severity", "warning");

    static Silence silence(Instant start, Instant end, Set<String> departments, LabelMatcher... matchers) {
        return new Silence(UUID.randomUUID(), List.of(matchers), start, end, "ERP maintenance", departments, "alice",
                start.minus(Duration.ofHours(1)), null);
    }

    private static Silence maintenance() {
        return silence(START, END, Set.of("sales"), LabelMatcher.of("alertname", "=", "MetricStale"),
                LabelMatcher.of("metric", "=~", "revenue|orders_.*"));
    }

    @Test
    void isPendingBeforeItsStartActiveFromItAndExpiredFromItsEnd() {
        Silence s = maintenance();
        assertThat(s.state(START.minusNanos(1000))).isEqualTo(SilenceState.PENDING);
        assertThat(s.state(START)).isEqualTo(SilenceState.ACTIVE);
        assertThat(s.state(END.minusNanos(1000))).isEqualTo(SilenceState.ACTIVE);
        assertThat(s.state(END)).isEqualTo(SilenceState.EXPIRED);
        assertThat(s.state(END.plus(Duration.ofDays(1)))).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void matchesOnlyWhileActive() {
        Silence s = maintenance();
        assertThat(s.matches(STALE_REVENUE, START.minusSeconds(1))).isFalse();
        assertThat(s.matches(STALE_REVENUE, START)).isTrue();
        assertThat(s.matches(STALE_REVENUE, END.minusSeconds(1))).isTrue();
        assertThat(s.matches(STALE_REVENUE, END)).isFalse();
    }

    @Test
    void everyMatcherMustHold() {
        Silence s = maintenance();
        Instant during = START.plusSeconds(60);
        assertThat(s.matches(with(STALE_REVENUE, "metric", "orders_count"), during)).isTrue();
        assertThat(s.matches(with(STALE_REVENUE, "metric", "margin"), during)).isFalse();
        assertThat(s.matches(with(STALE_REVENUE, "alertname", "GoalOffTrack"), during)).isFalse();
    }

    @Test
    void neverSilencesAnAlertOfADepartmentItWasNotMadeFor() {
        Silence s = maintenance();
        Instant during = START.plusSeconds(60);
        assertThat(s.matches(with(STALE_REVENUE, "department", "finance"), during)).isFalse();
        Map<String, String> noDepartment = Map.of("alertname", "MetricStale", "metric", "revenue");
        assertThat(s.matches(noDepartment, during)).isFalse();
        Silence both = silence(START, END, Set.of("sales", "finance"), LabelMatcher.of("alertname", "=", "MetricStale"));
        assertThat(both.matches(with(STALE_REVENUE, "department", "finance"), during)).isTrue();
    }

    @Test
    void expiringAnActiveSilenceEndsItNowAndRecordsWho() {
        Silence s = maintenance();
        Instant now = START.plus(Duration.ofHours(2));
        Silence expired = s.expire(now, "bob");
        assertThat(expired.state(now)).isEqualTo(SilenceState.EXPIRED);
        assertThat(expired.endsAt()).isEqualTo(now);
        assertThat(expired.startsAt()).isEqualTo(START);
        assertThat(expired.expiredBy()).isEqualTo("bob");
        assertThat(expired.matches(STALE_REVENUE, now)).isFalse();
        assertThat(expired.id()).isEqualTo(s.id());
        assertThat(s.state(now)).as("the original is unchanged").isEqualTo(SilenceState.ACTIVE);
    }

    @Test
    void expiringAPendingSilenceMeansItNeverStarts() {
        Silence s = maintenance();
        Instant now = START.minus(Duration.ofHours(1));
        Silence expired = s.expire(now, "bob");
        assertThat(expired.startsAt()).isEqualTo(now);
        assertThat(expired.endsAt()).isEqualTo(now);
        assertThat(expired.state(now)).isEqualTo(SilenceState.EXPIRED);
        assertThat(expired.matches(STALE_REVENUE, START.plusSeconds(1))).isFalse();
    }

    @Test
    void anExpiredSilenceCannotBeExpiredAgain() {
        Silence s = maintenance();
        assertThatThrownBy(() -> s.expire(END, "bob")).isInstanceOf(IllegalStateException.class);
        Silence expired = s.expire(START.plusSeconds(5), "bob");
        assertThatThrownBy(() -> expired.expire(START.plusSeconds(6), "carol")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cannotEndBeforeItStarts() {
        assertThatThrownBy(() -> silence(END, START, Set.of("sales"), LabelMatcher.of("a", "=", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        var copy = new java.util.HashMap<>(labels);
        copy.put(name, value);
        return copy;
    }
}
