package dev.pacer.alert.rule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An alert rule as stored (persistence only; never serialised). */
@Entity
@Table(name = "alert_rule")
public class RuleEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    /** A {@link RuleKind} name. */
    public String kind;
    /** JSON of {@link RuleParameters}. */
    @Column(columnDefinition = "text")
    public String parameters;
    /** A {@link ScopeType} name. */
    public String scopeType;
    public String scopeKey;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] departments;
    public String severity;
    /** JSON object of labels. */
    @Column(columnDefinition = "text")
    public String labels;
    public long pendingForSeconds;
    public long keepFiringForSeconds;
    public boolean enabled;
    public int version;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;
}
