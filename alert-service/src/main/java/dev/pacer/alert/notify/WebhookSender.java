package dev.pacer.alert.notify;

import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.ChannelType;
import dev.pacer.alert.channel.WebhookSignature;
import dev.pacer.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook attempts: the delivery's JSON POSTed to the channel's url with {@code X-Pacer-Signature} (made with the
 * channel's secret) and {@code X-Pacer-Delivery}; a 2xx delivers it, anything else is retried.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {
    private final SecretCipher cipher;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(SecretCipher cipher,
            @ConfigProperty(name = "pacer.alert.delivery.timeout", defaultValue = "PT10S") Duration timeout) {
        this.cipher = cipher;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public SendResult send(ChannelEntity channel, DeliveryEntity d, Instant now) {
        byte[] body = d.body.getBytes(StandardCharsets.UTF_8);
        try {
            String secret = cipher.decrypt(channel.secretCiphertext, channel.id.toString());
            HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(DeliveryWorker.DELIVERY_HEADER, d.id.toString())
                    .header(WebhookSignature.HEADER, new WebhookSignature(secret).sign(now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? SendResult.delivered(status, null)
                    : SendResult.retry(status, "receiver answered HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry(null, "interrupted");
        } catch (Exception e) {
            return SendResult.retry(null, SendResult.describe(e));
        }
    }
}
