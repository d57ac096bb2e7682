package dev.pacer.goal.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A generated review (persistence only; never serialised). */
@Entity
@Table(name = "goal_review")
public class ReviewEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String period;
    public LocalDate periodStart;
    public LocalDate periodEnd;
    public UUID rootGoalId;
    public String department;
    /** The {@link ReviewContent} as JSON. */
    @Column(columnDefinition = "text")
    public String content;
    public OffsetDateTime createdAt;
    public String createdBy;
}
