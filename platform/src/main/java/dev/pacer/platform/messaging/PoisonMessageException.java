package dev.pacer.platform.messaging;

/**
 * A message that can never be applied (not JSON, not a CloudEvent, wrong payload, refused by the domain).
 * Thrown out of an {@code @Incoming} method it sends the message to the channel's dead-letter topic at once.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonMessageException(String message) {
        super(message);
    }
}
