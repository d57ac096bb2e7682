package dev.pacer.ingest.push;

/**
 * A pushed batch as it arrived.
 *
 * @param sourceSystem   the {@code sourceSystem} query parameter, or null
 * @param sourceVersion  the {@code sourceVersion} query parameter as sent, or null
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 */
public record PushRequest(String dataset, BatchFormat format, byte[] body, String sourceSystem, String sourceVersion,
        String idempotencyKey) {
}
