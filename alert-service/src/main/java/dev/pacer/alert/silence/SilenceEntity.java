package dev.pacer.alert.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A silence as stored (persistence only; never serialised). */
@Entity
@Table(name = "silence")
public class SilenceEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    /** The matchers as a JSON array of {@link MatcherSpec}. */
    @Column(columnDefinition = "text")
    public String matchers;
    public Instant startsAt;
    public Instant endsAt;
    @Column(columnDefinition = "text")
    public String comment;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] departments;
    public String createdBy;
    public Instant createdAt;
    public String expiredBy;
}
