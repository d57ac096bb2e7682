package dev.pacer.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code sha256=} and the hex HMAC-SHA256, keyed with the source's signing secret,
 * of the timestamp header's value, a dot and the raw body. The timestamp (Unix seconds) must lie within the tolerance
 * of now, so a captured delivery cannot be replayed later; signatures are compared in constant time.
 */
public final class WebhookSignature {
    /** Header with the signature, {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Pacer-Signature";
    /** Header with the time of signing, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-Pacer-Timestamp";
    /** Optional header identifying the delivery, the same on the sender's retries. */
    public static final String DELIVERY_HEADER = "X-Pacer-Delivery";
    /** How far the timestamp may be from now, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";

    /** Why a delivery is not authentic; the message is safe to answer with. */
    public static final class InvalidSignatureException extends RuntimeException {
        InvalidSignatureException(String message) {
            super(message, null, false, false);
        }
    }

    private WebhookSignature() {
    }

    /** The signature header's value for a body signed at {@code timestamp} (Unix seconds, as sent). */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * @throws InvalidSignatureException when a header is missing or malformed, the timestamp is outside the tolerance,
     *                                   or the signature does not match
     */
    public static void verify(String secret, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || timestamp.isBlank()) {
            throw new InvalidSignatureException("The " + TIMESTAMP_HEADER + " header is missing");
        }
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException("The " + SIGNATURE_HEADER + " header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException("The " + TIMESTAMP_HEADER + " header must be Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Math.max(Math.min(seconds, Instant.MAX.getEpochSecond()),
                Instant.MIN.getEpochSecond()));
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            throw new InvalidSignatureException("The " + TIMESTAMP_HEADER + " is more than " + TOLERANCE.toMinutes()
                    + " minutes from the server's time; sign each delivery when sending it");
        }
        String expected = sign(secret, timestamp.strip(), body);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
            throw new InvalidSignatureException("The " + SIGNATURE_HEADER + " does not match the body: expected "
                    + "sha256=<hex HMAC-SHA256 of timestamp + \".\" + body> with the source's signing secret");
        }
    }
}
