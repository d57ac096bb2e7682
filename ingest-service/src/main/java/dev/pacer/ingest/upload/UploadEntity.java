package dev.pacer.ingest.upload;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An uploaded file's job (persistence only; never serialised). */
@Entity
@Table(name = "upload")
public class UploadEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String dataset;
    public String fileName;
    public String format;
    public String encoding;
    public long sizeBytes;
    @Enumerated(EnumType.STRING)
    public UploadStatus status;
    public int rowsTotal;
    public int rowsSucceeded;
    public int rowsFailed;
    @Column(columnDefinition = "text")
    public String message;
    public String createdBy;
    public OffsetDateTime createdAt;
    public OffsetDateTime finishedAt;
    /** The instance running the job (see {@link UploadRecovery}); null for jobs older than that column. */
    public String owner;
    /** When the owner last vouched that the job is alive; only of QUEUED and RUNNING jobs. */
    public OffsetDateTime heartbeatAt;
}
