package dev.pacer.alert.channel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A notification channel as stored (persistence only; never serialised). */
@Entity
@Table(name = "channel")
public class ChannelEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    /** A {@link ChannelType} name. */
    public String type;
    /** Webhooks only; null for e-mail channels. */
    @Column(columnDefinition = "text")
    public String url;
    /**
     * Webhooks only (null for e-mail channels): the signing secret, encrypted by
     * {@link dev.pacer.platform.crypto.SecretCipher} with the channel id as context.
     */
    @Column(columnDefinition = "text")
    public String secretCiphertext;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] departments;
    /** Names of {@link dev.pacer.events.Severity} values. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] severities;
    /** E-mail channels only; null for webhooks. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] recipients;
    /** The label names whose values make a notification group (see {@link GroupBy}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] groupBy;
    public boolean enabled;
    /** Null: 0 for CRITICAL alerts, 30 s otherwise. */
    public Long groupWaitSeconds;
    public long groupIntervalSeconds;
    public long repeatIntervalSeconds;
    public int version;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;

    public ChannelType channelType() {
        return type == null ? ChannelType.WEBHOOK : ChannelType.valueOf(type);
    }

    public java.util.List<String> groupByLabels() {
        return groupBy == null ? GroupBy.DEFAULT : java.util.List.of(groupBy);
    }
}
