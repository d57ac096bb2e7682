package dev.pacer.metric.recompute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recomputation job (persistence only). */
@Entity
@Table(name = "recomputation")
public class RecomputationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String metricKey;
    public int metricVersion;
    @Enumerated(EnumType.STRING)
    public Recomputation.Status status;
    @Enumerated(EnumType.STRING)
    public Recomputation.Phase phase;
    public String reason;
    public String requestedBy;
    public OffsetDateTime requestedAt;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    public OffsetDateTime stateBuiltAt;
    public Integer valuesChanged;
    public String error;

    Recomputation toView() {
        return new Recomputation(id, metricKey, metricVersion, status, phase, reason, requestedBy, requestedAt,
                startedAt, finishedAt, stateBuiltAt, valuesChanged, error);
    }
}
