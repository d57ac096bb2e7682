package dev.pacer.metric.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One immutable version of a dataset definition. */
@Entity
@Table(name = "dataset_version")
@IdClass(DatasetVersionEntity.Id.class)
public class DatasetVersionEntity extends PanacheEntityBase {
    @jakarta.persistence.Id
    public String key;
    @jakarta.persistence.Id
    public int version;
    @Column(columnDefinition = "text")
    public String definition;
    public String reason;
    public String author;
    public OffsetDateTime createdAt;

    /** Composite key: dataset key and version. */
    public record Id(String key, int version) implements Serializable {
        public Id() {
            this(null, 0);
        }
    }
}
