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

/** One cycle of an alert as stored (persistence only; never serialised). */
@Entity
@Table(name = "alert")
public class AlertEntity extends PanacheEntityBase {
    /** {@code <fingerprint>-<cycle>}. */
    @Id
    public String id;
    public String fingerprint;
    public int cycle;
    public UUID ruleId;
    public String ruleName;
    public String severity;
    public String state;
    public String subjectKind;
    public String subjectId;
    @Column(columnDefinition = "text")
    public String dimensions;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] departments;
    @Column(columnDefinition = "text")
    public String labels;
    @Column(columnDefinition = "text")
    public String reason;
    /** JSON of the latest evidence. */
    @Column(columnDefinition = "text")
    public String evidence;
    public Instant startedAt;
    public Instant firedAt;
    public Instant resolvedAt;
    public String acknowledgedBy;
    @Column(columnDefinition = "text")
    public String acknowledgedNote;
    public Instant acknowledgedAt;
    public Instant updatedAt;
}
