package dev.pacer.alert.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An alert state change waiting in its group for the group's next flush (persistence only). */
@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID channelId;
    public String groupKey;
    public String alertId;
    public String state;
    /** JSON of the {@link dev.pacer.events.AlertStateChanged} told. */
    @Column(columnDefinition = "text")
    public String payload;
    public Instant createdAt;
    public UUID deliveryId;
}
