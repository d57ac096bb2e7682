package dev.pacer.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    @Test
    void nextTimeIsStrictlyAfterTheGivenOne() {
        CronSchedule every15 = CronSchedule.parse("0 0/15 * * * ?");
        assertThat(every15.nextAfter(Instant.parse("2025-01-01T10:07:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2025-01-01T10:15:00Z"));
        assertThat(every15.nextAfter(Instant.parse("2025-01-01T10:15:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2025-01-01T10:30:00Z"));
    }

    @Test
    void scheduleFollowsItsZone() {
        CronSchedule twoAm = CronSchedule.parse("0 0 2 * * ?");
        assertThat(twoAm.nextAfter(Instant.parse("2025-01-01T00:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2025-01-01T18:00:00Z"));
    }

    @Test
    void malformedExpressionsSayWhatIsExpected() {
        assertThatThrownBy(() -> CronSchedule.parse("every hour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Quartz cron expression");
        assertThatThrownBy(() -> CronSchedule.parse("*/5 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSchedule.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
