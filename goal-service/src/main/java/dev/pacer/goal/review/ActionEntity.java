package dev.pacer.goal.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An action item of a review (persistence only). */
@Entity
@Table(name = "goal_review_action")
public class ActionEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID reviewId;
    public String title;
    public String owner;
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public ActionStatus status;
    public int version;
    public OffsetDateTime createdAt;
    public String createdBy;
    public OffsetDateTime updatedAt;
    public String updatedBy;
}
