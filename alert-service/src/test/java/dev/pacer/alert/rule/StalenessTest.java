package dev.pacer.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StalenessTest {
    private static final Instant LAST_DATA = Instant.parse("2026-05-04T06:00:00Z");
    private final TestClock clock = new TestClock();
    private final RuleInput.Freshness revenueHourly = new RuleInput.Freshness("revenue", LAST_DATA,
            Duration.ofHours(1));

    @Test
    void isStaleOnlyOnceTheDataIsOlderThanTheFreshnessExpectation() {
        Staleness rule = Staleness.ofFreshnessExpectation();
        clock.set(LAST_DATA.plus(Duration.ofMinutes(59)));
        Breach fresh = rule.evaluate(revenueHourly, clock);
        assertThat(fresh.breached()).isFalse();
        assertThat(fresh.value()).isEqualByComparingTo("3540");
        assertThat(fresh.expectation()).isEqualByComparingTo("3600");

        clock.advance(Duration.ofMinutes(1)); // exactly one hour: not longer than expected
        assertThat(rule.evaluate(revenueHourly, clock).breached()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        Breach stale = rule.evaluate(revenueHourly, clock);
        assertThat(stale.breached()).isTrue();
        assertThat(stale.value()).isEqualByComparingTo("3601");
        assertThat(stale.reason()).contains("revenue").contains("longer than the allowed PT1H");
    }

    @Test
    void aGraceExtendsTheAllowedAge() {
        Staleness rule = new Staleness(Duration.ofMinutes(30));
        clock.set(LAST_DATA.plus(Duration.ofMinutes(90)));
        assertThat(rule.evaluate(revenueHourly, clock).breached()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(rule.evaluate(revenueHourly, clock).breached()).isTrue();
    }

    @Test
    void newDataMakesItFreshAgain() {
        Staleness rule = Staleness.ofFreshnessExpectation();
        clock.set(LAST_DATA.plus(Duration.ofHours(3)));
        assertThat(rule.evaluate(revenueHourly, clock).breached()).isTrue();
        RuleInput.Freshness refreshed = new RuleInput.Freshness("revenue", clock.instant().minusSeconds(60),
                Duration.ofHours(1));
        assertThat(rule.evaluate(refreshed, clock).breached()).isFalse();
    }

    @Test
    void aMetricThatNeverReceivedDataIsStale() {
        clock.set(LAST_DATA);
        Breach b = Staleness.ofFreshnessExpectation()
                .evaluate(new RuleInput.Freshness("revenue", null, Duration.ofHours(1)), clock);
        assertThat(b.breached()).isTrue();
        assertThat(b.reason()).contains("never received data");
    }

    @Test
    void doesNotJudgeGoalProgress() {
        clock.set(LAST_DATA);
        assertThat(Staleness.ofFreshnessExpectation()
                .evaluate(Inputs.goal(dev.pacer.events.PaceStatus.ON_TRACK, Inputs.T0), clock).outcome())
                .isEqualTo(Breach.Outcome.NOT_APPLICABLE);
    }
}
