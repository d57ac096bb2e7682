package dev.pacer.alert.alerts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored state of one fingerprint's alert aggregate between evaluations (persistence only). */
@Entity
@Table(name = "alert_tracker")
public class AlertTrackerEntity extends PanacheEntityBase {
    @Id
    public String fingerprint;
    public UUID ruleId;
    public String subjectKind;
    public String subjectId;
    /** JSON object of the subject's dimensions. */
    @Column(columnDefinition = "text")
    public String dimensions;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] departments;
    /** An {@link dev.pacer.events.AlertState} name; null while never active. */
    public String state;
    /** When time alone moves the alert (a pending one fires, a clear firing one resolves); null if never. */
    public Instant dueAt;
    /** JSON of the aggregate's {@link dev.pacer.alert.lifecycle.Alert.Snapshot}. */
    @Column(columnDefinition = "text")
    public String snapshot;
    /** JSON of the rule kind's carried {@link dev.pacer.alert.rule.ConditionState}; null for none. */
    @Column(columnDefinition = "text")
    public String conditionState;
}
