package dev.pacer.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GroupTimingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void criticalAlertsOfANewGroupGoOutAtOnceByDefaultOthersWaitThirtySeconds() {
        assertThat(GroupTiming.of(null, 300, 14400, Severity.CRITICAL).nextFlush(NOW, null, null)).isEqualTo(NOW);
        assertThat(GroupTiming.of(null, 300, 14400, Severity.WARNING).nextFlush(NOW, null, null))
                .isEqualTo(NOW.plusSeconds(30));
        assertThat(GroupTiming.of(120L, 300, 14400, Severity.CRITICAL).nextFlush(NOW, null, null))
                .isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void aGroupThatSentWaitsForItsGroupIntervalAndKeepsAnEarlierPlan() {
        GroupTiming t = GroupTiming.of(0L, 300, 14400, Severity.CRITICAL);
        assertThat(t.nextFlush(NOW, NOW.minusSeconds(100), null)).isEqualTo(NOW.plusSeconds(200));
        assertThat(t.nextFlush(NOW, NOW.minusSeconds(1000), null)).isEqualTo(NOW);
        assertThat(t.nextFlush(NOW, NOW.minusSeconds(100), NOW.plusSeconds(50))).isEqualTo(NOW.plusSeconds(50));
    }

    @Test
    void repeatsAreDueOnceTheRepeatIntervalHasPassed() {
        GroupTiming t = new GroupTiming(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4));
        assertThat(t.repeatDue(NOW, NOW.minus(Duration.ofHours(4)).plusSeconds(1))).isFalse();
        assertThat(t.repeatDue(NOW, NOW.minus(Duration.ofHours(4)))).isTrue();
        assertThat(t.repeatDue(NOW, null)).isFalse();
    }
}
