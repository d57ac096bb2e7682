package dev.pacer.alert.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pacer.alert.lifecycle.Acknowledgement;
import dev.pacer.alert.lifecycle.Alert;
import dev.pacer.alert.rule.Band;
import dev.pacer.alert.rule.Breach;
import dev.pacer.alert.rule.ConditionState;
import dev.pacer.events.AlertState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TrackerCodecTest {
    private final TrackerCodec codec = new TrackerCodec(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void aSnapshotSurvivesStorageExactly() {
        Instant t = Instant.parse("2026-05-04T09:00:00.123456Z");
        Breach evidence = Breach.breached(new BigDecimal("12.500"), new BigDecimal("10"),
                new Band(new BigDecimal("8.1"), new BigDecimal("9"), new BigDecimal("9.9"), "median±3·MAD", 12),
                "outside the band");
        Alert.Snapshot s = new Alert.Snapshot(AlertState.FIRING, 3, t, t.plusSeconds(60), null,
                new Acknowledgement("mia", "on it", t.plusSeconds(90)), evidence, t.plusSeconds(60), t,
                new BigDecimal("12.500"), t.plusSeconds(60));
        Alert.Snapshot back = codec.readSnapshot(codec.writeSnapshot(s));
        assertThat(back).isEqualTo(s);
    }

    @Test
    void aNeverActiveSnapshotAndThePaceStreakSurvive() {
        Alert.Snapshot empty = new Alert.Snapshot(null, 0, null, null, null, null, null, null, null, null, null);
        assertThat(codec.readSnapshot(codec.writeSnapshot(empty))).isEqualTo(empty);
        OffsetDateTime since = OffsetDateTime.parse("2026-05-04T09:00:00Z");
        var streak = new ConditionState.PaceStreak(2, since, since.plusHours(1));
        assertThat(codec.readCondition(codec.writeCondition(streak))).isEqualTo(streak);
        assertThat(codec.writeCondition(ConditionState.NONE)).isNull();
        assertThat(codec.readCondition(null)).isEqualTo(ConditionState.NONE);
    }
}
