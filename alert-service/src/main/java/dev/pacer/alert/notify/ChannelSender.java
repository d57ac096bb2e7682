package dev.pacer.alert.notify;

import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.ChannelType;
import java.time.Instant;

/**
 * Sends one attempt of a delivery over one {@link ChannelType}. {@link DeliveryWorker} owns the durable queue (locking,
 * retries with backoff, giving up, the attempt log); a sender only makes the attempt and says how it went. Called
 * inside the worker's transaction, synchronously, with the channel's own timeouts.
 */
public interface ChannelSender {
    ChannelType type();

    /**
     * One attempt to send {@code delivery} (its {@code body} is the group's JSON, see {@link WebhookBody}) to
     * {@code channel} at {@code now}. Never throws for a failed send: the failure is the result.
     */
    SendResult send(ChannelEntity channel, DeliveryEntity delivery, Instant now);
}
