package dev.pacer.alert.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A webhook call in the durable delivery queue (persistence only). */
@Entity
@Table(name = "delivery")
public class DeliveryEntity extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String GAVE_UP = "GAVE_UP";

    @Id
    public UUID id;
    public UUID channelId;
    public String groupKey;
    @Column(columnDefinition = "text")
    public String body;
    public String status;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant createdAt;
    public Instant finishedAt;
    @Column(columnDefinition = "text")
    public String lastError;
}
