package dev.pacer.metric.definition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The current version of a metric (persistence only; never serialised). */
@Entity
@Table(name = "metric")
public class MetricEntity extends PanacheEntityBase {
    @Id
    public String key;
    public int version;
    @Enumerated(EnumType.STRING)
    public Lifecycle status;
    /** The {@link MetricDefinition} as JSON. */
    @Column(columnDefinition = "text")
    public String definition;
    public OffsetDateTime createdAt;
    public String createdBy;
    public OffsetDateTime updatedAt;
    public String updatedBy;
}
