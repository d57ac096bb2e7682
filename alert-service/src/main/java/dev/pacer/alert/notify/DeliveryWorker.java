package dev.pacer.alert.notify;

import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.ChannelType;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the durable delivery queue of every channel type: each due delivery is locked ({@code for update skip locked},
 * so several workers or instances never send the same one at once), handed to the {@link ChannelSender} of its
 * channel's type (a signed webhook POST, a mail over SMTP), and its attempt logged in the same transaction. A delivered
 * attempt finishes it; a failed one is retried with {@link Backoff} and given up (and recorded) after the last attempt,
 * or at once when the sender says it can never succeed (a permanent SMTP refusal). Woken right after a delivery is
 * queued, and polled as a fallback.
 */
@ApplicationScoped
public class DeliveryWorker {
    public static final String DELIVERY_HEADER = "X-Pacer-Delivery";
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final EntityManager em;
    private final Clock clock;
    private final Backoff backoff;
    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-delivery-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    public DeliveryWorker(EntityManager em, Clock clock, @All List<ChannelSender> senders,
            @ConfigProperty(name = "pacer.alert.delivery.initial-backoff", defaultValue = "PT10S") Duration initial,
            @ConfigProperty(name = "pacer.alert.delivery.max-backoff", defaultValue = "PT1H") Duration max,
            @ConfigProperty(name = "pacer.alert.delivery.max-attempts", defaultValue = "8") int maxAttempts) {
        this.em = em;
        this.clock = clock;
        this.backoff = new Backoff(initial, max, maxAttempts);
        senders.forEach(s -> this.senders.put(s.type(), s));
        for (ChannelType type : ChannelType.values()) {
            if (!this.senders.containsKey(type)) {
                throw new IllegalStateException("No sender for " + type + " channels");
            }
        }
    }

    /** Delivers what is due soon, on the worker's own thread (called after a delivery was queued). */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakeQueued.set(false);
                    try {
                        deliverDue();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Delivering notifications failed; the poller retries");
                    }
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    @Scheduled(every = "${pacer.alert.delivery.poll-every:2s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        deliverDue();
    }

    /** Sends every delivery due at the clock's now, one transaction each; returns how many attempts it made. */
    public int deliverDue() {
        int attempts = 0;
        while (QuarkusTransaction.requiringNew().call(this::deliverOne)) {
            attempts++;
        }
        return attempts;
    }

    private boolean deliverOne() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<DeliveryEntity> due = em.createNativeQuery("select * from delivery where status = 'PENDING' "
                        + "and next_attempt_at <= ?1 order by next_attempt_at, id limit 1 for update skip locked",
                DeliveryEntity.class).setParameter(1, Timestamp.from(now)).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        DeliveryEntity d = due.get(0);
        ChannelEntity channel = ChannelEntity.findById(d.channelId);
        d.attempts++;
        long started = System.nanoTime();
        SendResult result = channel == null || !channel.enabled
                ? SendResult.permanent(null, "channel is disabled")
                : senders.get(channel.channelType()).send(channel, d, now);
        DeliveryAttemptEntity a = new DeliveryAttemptEntity();
        a.deliveryId = d.id;
        a.attempt = d.attempts;
        a.at = now;
        a.statusCode = result.statusCode();
        a.error = result.error();
        a.durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        a.persist();
        if (result.ok()) {
            d.status = DeliveryEntity.DELIVERED;
            d.finishedAt = now;
            d.lastError = null;
        } else {
            d.lastError = result.error();
            if (result.outcome() == SendResult.Outcome.PERMANENT || backoff.givesUpAfter(d.attempts)) {
                d.status = DeliveryEntity.GAVE_UP;
                d.finishedAt = now;
                LOG.warnf("Gave up delivery %s to channel %s after %d attempts: %s", d.id, d.channelId, d.attempts,
                        result.error());
            } else {
                d.nextAttemptAt = now.plus(backoff.delayAfter(d.attempts));
            }
        }
        return true;
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
