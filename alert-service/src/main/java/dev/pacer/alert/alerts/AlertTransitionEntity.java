package dev.pacer.alert.alerts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an alert's state history (persistence only). */
@Entity
@Table(name = "alert_transition")
public class AlertTransitionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String alertId;
    public Instant at;
    public String fromState;
    public String toState;
    @Column(columnDefinition = "text")
    public String reason;
    @Column(columnDefinition = "text")
    public String evidence;
}
