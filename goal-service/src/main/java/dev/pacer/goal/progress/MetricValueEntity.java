package dev.pacer.goal.progress;

import dev.pacer.events.Grain;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One replicated metric value: a metric's value for one grain, dimension slice and period (persistence only). */
@Entity
@Table(name = "metric_value")
public class MetricValueEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String metricKey;
    @Enumerated(EnumType.STRING)
    public Grain grain;
    /** The slice, see {@link DimensionSlice#key}. */
    public String dimsKey;
    public LocalDate periodStart;
    public LocalDate periodEnd;
    public BigDecimal value;
    public int metricVersion;
    public OffsetDateTime computedAt;
}
