package dev.pacer.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An alert was raised, changed state or was acknowledged (published by alert-service). */
public record AlertStateChanged(
        String alertId,
        String fingerprint,
        String ruleId,
        String ruleName,
        Severity severity,
        AlertState state,
        AlertState previousState,
        boolean acknowledged,
        String subjectKind,
        String subjectId,
        List<String> departments,
        Map<String, String> labels,
        String reason,
        Map<String, Object> evidence,
        OffsetDateTime changedAt) implements EventPayload {

    public AlertStateChanged {
        Checks.text(alertId, "alertId");
        Checks.text(fingerprint, "fingerprint");
        Checks.text(ruleId, "ruleId");
        Checks.text(ruleName, "ruleName");
        Checks.present(severity, "severity");
        Checks.present(state, "state");
        Checks.text(subjectKind, "subjectKind");
        Checks.text(subjectId, "subjectId");
        Checks.present(changedAt, "changedAt");
        departments = Checks.copyOrEmpty(departments);
        labels = Checks.copyOrEmpty(labels);
        evidence = Checks.copyOrEmpty(evidence);
    }

    @Override
    public String kafkaKey() {
        return fingerprint;
    }

    @Override
    public String eventType() {
        return EventTypes.ALERT_STATE_CHANGED;
    }

    @Override
    public String topic() {
        return Topics.ALERTS;
    }
}
