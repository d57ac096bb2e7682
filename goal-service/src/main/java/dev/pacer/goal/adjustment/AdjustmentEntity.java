package dev.pacer.goal.adjustment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One target change of a goal (persistence only). */
@Entity
@Table(name = "goal_adjustment")
public class AdjustmentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID goalId;
    public BigDecimal previousBaseTarget;
    public BigDecimal previousChallengeTarget;
    public BigDecimal baseTarget;
    public BigDecimal challengeTarget;
    public String reason;
    public String author;
    public LocalDate effectiveDate;
    public OffsetDateTime createdAt;
}
