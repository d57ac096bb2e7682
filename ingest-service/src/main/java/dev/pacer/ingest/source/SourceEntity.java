package dev.pacer.ingest.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A configured source (persistence only; never serialised). */
@Entity
@Table(name = "source")
public class SourceEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String dataset;
    public String department;
    public String kind;
    public String sourceSystem;
    /** The connector's settings as JSON, without credentials. */
    @Column(columnDefinition = "text")
    public String settings;
    /** Dataset field → source column, as JSON. */
    @Column(columnDefinition = "text")
    public String mapping;
    /** The password, encrypted for this source's id; null when none. */
    @Column(columnDefinition = "text")
    public String secret;
    public String schedule;
    public boolean paused;
    public OffsetDateTime nextRunAt;
    /** The saved cursor ({@code CursorPosition} as JSON); null before the first acknowledged chunk. */
    @Column(columnDefinition = "text")
    public String cursor;
    public int version;
    public String createdBy;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
