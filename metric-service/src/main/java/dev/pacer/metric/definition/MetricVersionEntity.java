package dev.pacer.metric.definition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One immutable version of a metric: its definition, lifecycle state, author, reason and effective date. */
@Entity
@Table(name = "metric_version")
@IdClass(MetricVersionEntity.Id.class)
public class MetricVersionEntity extends PanacheEntityBase {
    @jakarta.persistence.Id
    public String key;
    @jakarta.persistence.Id
    public int version;
    @Enumerated(EnumType.STRING)
    public Lifecycle status;
    @Column(columnDefinition = "text")
    public String definition;
    public String reason;
    public String author;
    public LocalDate effectiveDate;
    public OffsetDateTime createdAt;

    /** Composite key: metric key and version. */
    public record Id(String key, int version) implements Serializable {
        public Id() {
            this(null, 0);
        }
    }
}
