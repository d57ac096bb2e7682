package dev.pacer.alert.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.lifecycle.Acknowledgement;
import dev.pacer.alert.lifecycle.Alert;
import dev.pacer.alert.rule.Band;
import dev.pacer.alert.rule.Breach;
import dev.pacer.alert.rule.ConditionState;
import dev.pacer.events.AlertState;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads the stored forms of an alert aggregate's snapshot, a rule kind's carried state, evidence and
 * small maps, as JSON. Numbers are read back as {@link BigDecimal}, so evidence keeps its exact values.
 */
@Singleton
public class TrackerCodec {
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() { };

    private final ObjectMapper json;

    public TrackerCodec(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    record BandJson(BigDecimal lower, BigDecimal centre, BigDecimal upper, String method, int samples) {
    }

    record EvidenceJson(String outcome, BigDecimal value, BigDecimal expectation, BandJson baseline, String reason) {
    }

    record SnapshotJson(String state, int cycle, Instant pendingSince, Instant firingSince, Instant clearSince,
            String ackBy, String ackNote, Instant ackAt, EvidenceJson evidence, Instant latest,
            Instant lastEvaluationAt, BigDecimal lastEvaluationValue, Instant lastChangeAt) {
    }

    record StreakJson(int consecutive, OffsetDateTime since, OffsetDateTime lastAsOf) {
    }

    public String writeSnapshot(Alert.Snapshot s) {
        Acknowledgement ack = s.acknowledgement();
        return write(new SnapshotJson(s.state() == null ? null : s.state().name(), s.cycle(), s.pendingSince(),
                s.firingSince(), s.clearSince(), ack == null ? null : ack.by(), ack == null ? null : ack.note(),
                ack == null ? null : ack.at(), evidence(s.lastEvidence()), s.latest(), s.lastEvaluationAt(),
                s.lastEvaluationValue(), s.lastChangeAt()));
    }

    public Alert.Snapshot readSnapshot(String text) {
        SnapshotJson s = read(text, SnapshotJson.class);
        return new Alert.Snapshot(s.state() == null ? null : AlertState.valueOf(s.state()), s.cycle(),
                s.pendingSince(), s.firingSince(), s.clearSince(),
                s.ackBy() == null ? null : new Acknowledgement(s.ackBy(), s.ackNote(), s.ackAt()),
                breach(s.evidence()), s.latest(), s.lastEvaluationAt(), s.lastEvaluationValue(), s.lastChangeAt());
    }

    /** The kind's carried state as JSON; null for {@link ConditionState#NONE}. */
    public String writeCondition(ConditionState state) {
        if (state instanceof ConditionState.PaceStreak p) {
            return write(new StreakJson(p.consecutive(), p.since(), p.lastAsOf()));
        }
        return null;
    }

    public ConditionState readCondition(String text) {
        if (text == null) {
            return ConditionState.NONE;
        }
        StreakJson s = read(text, StreakJson.class);
        return new ConditionState.PaceStreak(s.consecutive(), s.since(), s.lastAsOf());
    }

    /** The evidence of a verdict as a JSON object, with the rule kind. */
    public String writeEvidence(Breach b, String ruleKind) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b != null) {
            m.putAll(b.evidence());
        }
        m.put("ruleKind", ruleKind);
        return write(m);
    }

    public Map<String, Object> readObject(String text) {
        return read(text, OBJECTS);
    }

    public Map<String, String> readStrings(String text) {
        return read(text, STRINGS);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is unreadable: "
                    + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static EvidenceJson evidence(Breach b) {
        if (b == null) {
            return null;
        }
        Band band = b.baseline();
        return new EvidenceJson(b.outcome().name(), b.value(), b.expectation(), band == null ? null
                : new BandJson(band.lower(), band.centre(), band.upper(), band.method(), band.samples()), b.reason());
    }

    private static Breach breach(EvidenceJson e) {
        if (e == null) {
            return null;
        }
        BandJson bj = e.baseline();
        Band band = bj == null ? null : new Band(bj.lower(), bj.centre(), bj.upper(), bj.method(), bj.samples());
        return new Breach(Breach.Outcome.valueOf(e.outcome()), e.value(), e.expectation(), band, e.reason(),
                ConditionState.NONE);
    }
}
