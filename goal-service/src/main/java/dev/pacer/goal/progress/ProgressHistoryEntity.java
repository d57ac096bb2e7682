package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
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
import java.util.UUID;

/** One change of a goal's progress, kept for trend charts (persistence only). */
@Entity
@Table(name = "goal_progress_history")
public class ProgressHistoryEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID goalId;
    public LocalDate asOf;
    public OffsetDateTime computedAt;
    @Enumerated(EnumType.STRING)
    public PaceStatus status;
    @Enumerated(EnumType.STRING)
    public PaceStatus previousStatus;
    public BigDecimal attainmentToDate;
    public BigDecimal attainmentBase;
    public BigDecimal attainmentChallenge;
    public BigDecimal actual;
    public BigDecimal expectedBase;
    public BigDecimal forecast;
    public BigDecimal runRateForecast;
    public BigDecimal baseTarget;
    public BigDecimal challengeTarget;
}
