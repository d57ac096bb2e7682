package dev.pacer.goal.checkin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One check-in of a goal (persistence only). */
@Entity
@Table(name = "goal_check_in")
public class CheckInEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID goalId;
    public String author;
    public String department;
    public String comment;
    public short confidence;
    public String blockers;
    public OffsetDateTime createdAt;
}
