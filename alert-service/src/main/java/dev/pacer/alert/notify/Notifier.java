package dev.pacer.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.GroupBy;
import dev.pacer.alert.silence.Silence;
import dev.pacer.alert.silence.SilenceService;
import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.platform.database.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Routes alert notifications: every enabled channel whose departments include one of the alert's and whose severities
 * include its severity is a route; an alert a silence matches notifies nobody. Notifications wait in their group
 * (channel + the values of the channel's {@link GroupBy} labels, by default the rule) until the group flushes
 * ({@link GroupTiming}); a flush puts the group's waiting notifications into one delivery of the durable queue, which
 * {@link DeliveryWorker} sends by the channel's type (webhook or e-mail).
 */
@ApplicationScoped
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final Object WAKE_KEY = new Object();

    private final EntityManager em;
    private final SilenceService silences;
    private final ObjectMapper json;
    private final ObjectMapper reader;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final DeliveryWorker worker;

    public Notifier(EntityManager em, SilenceService silences, ObjectMapper json, Clock clock,
            TransactionSynchronizationRegistry transactions, DeliveryWorker worker) {
        this.em = em;
        this.silences = silences;
        this.json = json;
        this.reader = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        this.clock = clock;
        this.transactions = transactions;
        this.worker = worker;
    }

    /**
     * Queues one notification of {@code change} on every route that takes it, unless a silence matches it, and
     * flushes the groups that are due at once. Runs in the caller's transaction, so a notification exists if and
     * only if the state change commits; at most one per route and alert state change.
     *
     * @return how many routes it was queued for (0 when silenced or unrouted)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int notify(AlertStateChanged change) {
        Instant now = clock.instant();
        for (Silence s : silences.activeAt(change.departments(), now)) {
            if (s.matches(change.labels(), now)) {
                LOG.debugf("Alert %s %s silenced by %s: nobody notified", change.alertId(), change.state(), s.id());
                return 0;
            }
        }
        if (change.departments().isEmpty()) {
            return 0;
        }
        List<ChannelEntity> routes = ChannelEntity.<ChannelEntity>find("enabled = true "
                        + "and array_intersects(departments, :departments) and array_contains(severities, :severity)",
                Parameters.with("departments", change.departments().toArray(String[]::new))
                        .and("severity", change.severity().name()))
                .list();
        String payload = write(change);
        int queued = 0;
        for (ChannelEntity channel : routes) {
            String groupKey = GroupBy.key(channel.groupByLabels(), change.labels(), change.ruleId());
            int inserted = em.createNativeQuery("insert into notification (id, channel_id, group_key, alert_id, state, "
                            + "payload, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                            + "on conflict (channel_id, alert_id, state) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, channel.id).setParameter(3, groupKey)
                    .setParameter(4, change.alertId()).setParameter(5, change.state().name())
                    .setParameter(6, payload).setParameter(7, Timestamp.from(now)).executeUpdate();
            if (inserted == 0) {
                continue;
            }
            queued++;
            GroupTiming timing = GroupTiming.of(channel.groupWaitSeconds, channel.groupIntervalSeconds,
                    channel.repeatIntervalSeconds, change.severity());
            em.createNativeQuery("insert into notification_group (channel_id, group_key) values (?1, ?2) "
                    + "on conflict do nothing").setParameter(1, channel.id).setParameter(2, groupKey).executeUpdate();
            Object[] group = (Object[]) em.createNativeQuery("select flush_at, last_sent_at from notification_group "
                            + "where channel_id = ?1 and group_key = ?2 for update")
                    .setParameter(1, channel.id).setParameter(2, groupKey).getSingleResult();
            Instant flushAt = timing.nextFlush(now, instant(group[1]), instant(group[0]));
            if (flushAt.isAfter(now)) {
                em.createNativeQuery("update notification_group set flush_at = ?3 where channel_id = ?1 "
                                + "and group_key = ?2").setParameter(1, channel.id).setParameter(2, groupKey)
                        .setParameter(3, Timestamp.from(flushAt)).executeUpdate();
            } else {
                flush(channel.id, groupKey, now, false);
            }
        }
        return queued;
    }

    @Scheduled(every = "${pacer.alert.notify.flush-every:1s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledFlush() {
        flushDue();
    }

    /**
     * Flushes every group whose flush time has come, and sends again the still-firing alerts of groups whose repeat
     * interval has passed; returns how many deliveries it queued. Callable directly (tests move the clock).
     */
    public int flushDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            int queued = 0;
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("select channel_id, group_key from notification_group "
                            + "where flush_at <= ?1 order by flush_at limit 500 for update skip locked")
                    .setParameter(1, Timestamp.from(now)).getResultList();
            for (Object[] g : due) {
                queued += flush((UUID) g[0], (String) g[1], now, false) ? 1 : 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> repeats = em.createNativeQuery("select g.channel_id, g.group_key from notification_group g "
                            + "join channel c on c.id = g.channel_id where c.enabled and g.flush_at is null "
                            + "and g.last_sent_at + make_interval(secs => c.repeat_interval_seconds) <= ?1 "
                            + "and exists (select 1 from notification n join alert a on a.id = n.alert_id "
                            + "  where n.channel_id = g.channel_id and n.group_key = g.group_key "
                            + "  and n.state = 'FIRING' and a.state = 'FIRING') "
                            + "limit 500 for update of g skip locked")
                    .setParameter(1, Timestamp.from(now)).getResultList();
            for (Object[] g : repeats) {
                queued += repeat((UUID) g[0], (String) g[1], now) ? 1 : 0;
            }
            return queued;
        });
    }

    /** Puts the group's waiting notifications into one delivery; false if none waited. */
    private boolean flush(UUID channelId, String groupKey, Instant now, boolean repeat) {
        List<NotificationEntity> waiting = NotificationEntity.<NotificationEntity>find("channelId = ?1 "
                + "and groupKey = ?2 and deliveryId is null order by createdAt, id", channelId, groupKey).list();
        boolean sent = !waiting.isEmpty();
        if (sent) {
            UUID deliveryId = enqueue(channelId, groupKey, now, repeat,
                    waiting.stream().map(n -> n.payload).toList());
            waiting.forEach(n -> n.deliveryId = deliveryId);
        }
        em.createNativeQuery("update notification_group set flush_at = null, "
                        + "last_sent_at = case when ?3 then ?4 else last_sent_at end "
                        + "where channel_id = ?1 and group_key = ?2")
                .setParameter(1, channelId).setParameter(2, groupKey).setParameter(3, sent)
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        return sent;
    }

    /** Sends the group's alerts that still fire (and are not silenced now) again. */
    private boolean repeat(UUID channelId, String groupKey, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> payloads = em.createNativeQuery("select n.payload from notification n join alert a "
                        + "on a.id = n.alert_id where n.channel_id = ?1 and n.group_key = ?2 and n.state = 'FIRING' "
                        + "and a.state = 'FIRING' order by n.created_at, n.id")
                .setParameter(1, channelId).setParameter(2, groupKey).getResultList();
        List<String> still = new ArrayList<>();
        for (String p : payloads) {
            AlertStateChanged change = read(p);
            boolean silenced = silences.activeAt(change.departments(), now).stream()
                    .anyMatch(s -> s.matches(change.labels(), now));
            if (!silenced && change.state() == AlertState.FIRING) {
                still.add(p);
            }
        }
        if (!still.isEmpty()) {
            enqueue(channelId, groupKey, now, true, still);
        }
        em.createNativeQuery("update notification_group set last_sent_at = ?3 where channel_id = ?1 "
                        + "and group_key = ?2").setParameter(1, channelId).setParameter(2, groupKey)
                .setParameter(3, Timestamp.from(now)).executeUpdate();
        return !still.isEmpty();
    }

    private UUID enqueue(UUID channelId, String groupKey, Instant now, boolean repeat, List<String> payloads) {
        DeliveryEntity d = new DeliveryEntity();
        d.id = UUID.randomUUID();
        d.channelId = channelId;
        d.groupKey = groupKey;
        d.body = WebhookBody.of(json, d.id, channelId, groupKey, repeat, payloads);
        d.status = DeliveryEntity.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.persist();
        wakeWorkerAfterCommit();
        return d.id;
    }

    private void wakeWorkerAfterCommit() {
        AfterCommit.once(transactions, WAKE_KEY, worker::wake);
    }

    private String write(AlertStateChanged change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write alert " + change.alertId(), e);
        }
    }

    private AlertStateChanged read(String payload) {
        try {
            return reader.readValue(payload, AlertStateChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored notification is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("Not a time: " + o.getClass());
    }
}
