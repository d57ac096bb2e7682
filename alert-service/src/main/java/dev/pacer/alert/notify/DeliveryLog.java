package dev.pacer.alert.notify;

import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.paging.Keyset;
import dev.pacer.alert.security.DepartmentScope;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The delivery log of a channel: each webhook delivery, newest first, with its attempts. */
@ApplicationScoped
public class DeliveryLog {
    private final DepartmentScope scope;

    public DeliveryLog(DepartmentScope scope) {
        this.scope = scope;
    }

    public Page<DeliveryView> list(UUID channelId, Optional<String> status, int limit, String cursor) {
        ChannelEntity channel = ChannelEntity.findById(channelId);
        if (channel == null) {
            throw ProblemException.notFound("Channel", channelId.toString());
        }
        scope.requireRead(Arrays.asList(channel.departments));
        List<String> where = new ArrayList<>(List.of("channelId = :channel"));
        Parameters params = Parameters.with("channel", channelId);
        status.ifPresent(s -> {
            if (!List.of(DeliveryEntity.PENDING, DeliveryEntity.DELIVERED, DeliveryEntity.GAVE_UP).contains(s)) {
                throw ProblemException.invalid("status", "must be PENDING, DELIVERED or GAVE_UP");
            }
            where.add("status = :status");
            params.and("status", s);
        });
        Keyset after = Keyset.after(cursor);
        if (after != null) {
            where.add("(createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
            params.and("afterTime", after.instant()).and("afterId", after.id());
        }
        List<DeliveryEntity> rows = DeliveryEntity.<DeliveryEntity>find(String.join(" and ", where),
                Sort.descending("createdAt", "id"), params).page(0, limit + 1).list();
        return Page.of(rows.stream().map(DeliveryLog::toView).toList(), limit,
                v -> Keyset.key(v.id(), v.createdAt().toInstant()));
    }

    private static DeliveryView toView(DeliveryEntity d) {
        List<DeliveryView.Attempt> attempts = DeliveryAttemptEntity.<DeliveryAttemptEntity>find("deliveryId = ?1",
                        Sort.ascending("attempt"), d.id).list().stream()
                .map(a -> new DeliveryView.Attempt(a.attempt, at(a.at), a.statusCode, a.error, a.durationMs))
                .toList();
        List<String> alertIds = NotificationEntity.<NotificationEntity>find("deliveryId = ?1", Sort.ascending("createdAt"),
                d.id).list().stream().map(n -> n.alertId).toList();
        return new DeliveryView(d.id, d.groupKey, d.status, d.attempts,
                DeliveryEntity.PENDING.equals(d.status) ? at(d.nextAttemptAt) : null, at(d.createdAt),
                at(d.finishedAt), d.lastError, alertIds, attempts);
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
