package dev.pacer.ingest.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The replica of one dataset's catalog entry (persistence only; never serialised). */
@Entity
@Table(name = "dataset_schema")
public class DatasetSchemaEntity extends PanacheEntityBase {
    @Id
    public String key;
    public int version;
    /** A tombstone: the dataset was deleted at {@link #version}. */
    public boolean deleted;
    /** The catalog entry's definition as JSON; null for a tombstone. */
    @Column(columnDefinition = "text")
    public String definition;
    /** The department that owns the dataset (its definition's ownerDepartment); null for a tombstone. */
    public String ownerDepartment;
    /** The id of the CloudEvent that set this version. */
    public String eventId;
    public OffsetDateTime appliedAt;
}
