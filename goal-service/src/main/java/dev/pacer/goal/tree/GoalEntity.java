package dev.pacer.goal.tree;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A goal of the breakdown tree (persistence only; never serialised). */
@Entity
@Table(name = "goal")
public class GoalEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID parentId;
    public String title;
    public String description;
    public String ownerDepartment;
    public String ownerPerson;
    @ElementCollection
    @CollectionTable(name = "goal_contributor", joinColumns = @JoinColumn(name = "goal_id"))
    @OrderColumn(name = "ordinal")
    @Column(name = "department")
    public List<String> contributingDepartments = new ArrayList<>();
    public int fiscalYear;
    /** 1–4 for a quarter goal, null for a fiscal-year goal. */
    public Integer periodQuarter;
    /** First quarter of the window, 1–4. */
    public int fromQuarter;
    /** Last quarter of the window, 1–4. */
    public int toQuarter;
    public BigDecimal weight;
    public String measureMetricKey;
    /** The measure's dimension filter as a JSON object. */
    @Column(columnDefinition = "text")
    public String measureFilter;
    @Enumerated(EnumType.STRING)
    public Aggregation measureAggregation;
    public BigDecimal baseline;
    public BigDecimal baseTarget;
    public BigDecimal challengeTarget;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    @Enumerated(EnumType.STRING)
    public PlanType planType;
    public BigDecimal milestoneQ1;
    public BigDecimal milestoneQ2;
    public BigDecimal milestoneQ3;
    public BigDecimal milestoneQ4;
    @Enumerated(EnumType.STRING)
    public GoalStatus status;
    public int version;
    public OffsetDateTime createdAt;
    public String createdBy;
    public OffsetDateTime updatedAt;
    public String updatedBy;

    public Period period() {
        return new Period(fiscalYear, periodQuarter == null ? null : Quarter.of(periodQuarter));
    }

    public GoalWindow window() {
        return new GoalWindow(Quarter.of(fromQuarter), Quarter.of(toQuarter));
    }

    public Placement placement() {
        return new Placement(id, title, period(), window(), weight);
    }
}
