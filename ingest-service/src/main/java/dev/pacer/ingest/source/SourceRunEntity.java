package dev.pacer.ingest.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One run of a source (persistence only; never serialised). */
@Entity
@Table(name = "source_run")
public class SourceRunEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID sourceId;
    @Enumerated(EnumType.STRING)
    public RunTrigger trigger;
    @Enumerated(EnumType.STRING)
    public RunStatus status;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    public long rowsRead;
    public long published;
    public long deleted;
    public long rejected;
    @Column(columnDefinition = "text")
    public String cursorBefore;
    @Column(columnDefinition = "text")
    public String cursorAfter;
    @Column(columnDefinition = "text")
    public String message;

    /** The run of a source in progress, if any. */
    public static SourceRunEntity running(UUID sourceId) {
        return find("sourceId = ?1 and status = ?2", sourceId, RunStatus.RUNNING).firstResult();
    }
}
