package dev.pacer.alert.notify;

import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.WebhookSignature;
import dev.pacer.platform.crypto.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the durable delivery queue: each due delivery is locked ({@code for update skip locked}, so several workers
 * or instances never send the same one at once), POSTed with its channel's {@code X-Pacer-Signature}, and its attempt
 * logged in the same transaction. A 2xx delivers it; anything else is retried with {@link Backoff}, and given up (and
 * recorded) after the last attempt. Woken right after a delivery is queued, and polled as a fallback.
 */
@ApplicationScoped
public class DeliveryWorker {
    public static final String DELIVERY_HEADER = "X-Pacer-Delivery";
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EntityManager em;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-delivery-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    public DeliveryWorker(EntityManager em, SecretCipher cipher, Clock clock,
            @ConfigProperty(name = "pacer.alert.delivery.initial-backoff", defaultValue = "PT10S") Duration initial,
            @ConfigProperty(name = "pacer.alert.delivery.max-backoff", defaultValue = "PT1H") Duration max,
            @ConfigProperty(name = "pacer.alert.delivery.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "pacer.alert.delivery.timeout", defaultValue = "PT10S") Duration timeout) {
        this.em = em;
        this.cipher = cipher;
        this.clock = clock;
        this.backoff = new Backoff(initial, max, maxAttempts);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
                        LOG.warnf(e, "Delivering webhooks failed; the poller retries");
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
        Result result;
        long started = System.nanoTime();
        if (channel == null || !channel.enabled) {
            result = new Result(null, "channel is disabled");
        } else {
            result = send(channel, d, now);
        }
        DeliveryAttemptEntity a = new DeliveryAttemptEntity();
        a.deliveryId = d.id;
        a.attempt = d.attempts;
        a.at = now;
        a.statusCode = result.status();
        a.error = result.error();
        a.durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        a.persist();
        if (result.ok()) {
            d.status = DeliveryEntity.DELIVERED;
            d.finishedAt = now;
            d.lastError = null;
        } else {
            d.lastError = result.error();
            if (backoff.givesUpAfter(d.attempts) || channel == null || !channel.enabled) {
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

    private Result send(ChannelEntity channel, DeliveryEntity d, Instant now) {
        byte[] body = d.body.getBytes(StandardCharsets.UTF_8);
        try {
            String secret = cipher.decrypt(channel.secretCiphertext, channel.id.toString());
            HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(DELIVERY_HEADER, d.id.toString())
                    .header(WebhookSignature.HEADER, new WebhookSignature(secret).sign(now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Result(status, status >= 200 && status < 300 ? null : "receiver answered HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Result(null, message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH)
                    : message);
        }
    }

    private record Result(Integer status, String error) {
        boolean ok() {
            return error == null;
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
