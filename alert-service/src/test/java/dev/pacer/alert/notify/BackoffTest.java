package dev.pacer.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 8);

    @Test
    void delaysDoubleFromTheInitialUpToTheMaximum() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void itGivesUpAfterTheLastAttempt() {
        assertThat(backoff.givesUpAfter(7)).isFalse();
        assertThat(backoff.givesUpAfter(8)).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
