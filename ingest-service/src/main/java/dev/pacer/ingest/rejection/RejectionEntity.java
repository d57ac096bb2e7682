package dev.pacer.ingest.rejection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A quarantined record (persistence only; never serialised). Written in bulk by {@code push.RejectionStore}. */
@Entity
@Table(name = "rejection")
public class RejectionEntity extends PanacheEntityBase {
    @Id
    public Long id;
    public String dataset;
    public String source;
    public int recordIndex;
    public String primaryKey;
    @Column(columnDefinition = "text")
    public String payload;
    @Column(columnDefinition = "text")
    public String reason;
    public OffsetDateTime receivedAt;
}
