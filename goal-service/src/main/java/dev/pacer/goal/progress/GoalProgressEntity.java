package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The current progress of one tracked goal (persistence only; see {@link ProgressSnapshot}). */
@Entity
@Table(name = "goal_progress")
public class GoalProgressEntity extends PanacheEntityBase {
    @Id
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
    public boolean measured;
    public BigDecimal actual;
    public BigDecimal expectedBase;
    public BigDecimal expectedChallenge;
    public BigDecimal attainmentToDateBase;
    public BigDecimal attainmentToDateChallenge;
    public BigDecimal ownAttainmentBase;
    public BigDecimal ownAttainmentChallenge;
    @Enumerated(EnumType.STRING)
    public PaceStatus ownStatus;
    public BigDecimal forecast;
    public BigDecimal runRateForecast;
    public Integer periodsWithData;
    public Long elapsedDays;
    public Long windowDays;
    public boolean rolledUp;
    public BigDecimal rollUpAttainmentToDate;
    public BigDecimal rollUpAttainmentBase;
    public BigDecimal rollUpAttainmentChallenge;
    @Enumerated(EnumType.STRING)
    public PaceStatus rollUpStatus;
    public Integer childrenWithData;
    public Integer children;
    public BigDecimal baseTarget;
    public BigDecimal challengeTarget;
    public int version;
}
