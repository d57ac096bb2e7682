package dev.pacer.alert.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook delivery proves it comes from Pacer and is recent. The header
 * {@code X-Pacer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the channel's secret>}
 * goes with every call. A receiver recomputes the HMAC over the raw body it received and rejects a signature that
 * differs or whose {@code t} is further than a tolerance from its clock (which stops replays). Several {@code v1}
 * entries may appear (one per secret while a secret is rotated); one that verifies is enough. Other keys are
 * ignored, so a future scheme can be added beside {@code v1}.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Pacer-Signature";
    /** How far a signature's time may be from the receiver's clock, either way, by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** The outcome of checking a signature header. */
    public enum Verification {
        VALID,
        /** No {@code t} or no {@code v1}, or not in the expected form. */
        MALFORMED,
        /** Well formed, but signed too long ago (or too far ahead): possibly a replay. */
        OUTSIDE_TOLERANCE,
        /** Well formed and recent, but not signed with this secret over this body. */
        MISMATCH
    }

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A webhook signature needs a secret");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for a body sent at {@code at} (whole seconds). */
    public String sign(Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HEX.formatHex(hmac(t, body));
    }

    public String sign(Instant at, String body) {
        return sign(at, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a received header against the raw body, at the receiver's {@code now}. */
    public Verification check(String header, byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(body, "body");
        if (header == null) {
            return Verification.MALFORMED;
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Verification.MALFORMED;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                if (t != null || !value.matches("\\d{1,12}")) {
                    return Verification.MALFORMED;
                }
                t = Long.parseLong(value);
            } else if (name.equals("v1")) {
                if (value.length() != 64) {
                    return Verification.MALFORMED;
                }
                try {
                    signatures.add(HEX.parseHex(value));
                } catch (IllegalArgumentException e) {
                    return Verification.MALFORMED;
                }
            }
        }
        if (t == null || signatures.isEmpty()) {
            return Verification.MALFORMED;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(t), now).abs();
        if (skew.compareTo(tolerance) > 0) {
            return Verification.OUTSIDE_TOLERANCE;
        }
        byte[] expected = hmac(t, body);
        boolean any = false;
        for (byte[] candidate : signatures) {
            any |= MessageDigest.isEqual(expected, candidate); // constant time, and no early exit
        }
        return any ? Verification.VALID : Verification.MISMATCH;
    }

    public Verification check(String header, String body, Instant now) {
        return check(header, body.getBytes(StandardCharsets.UTF_8), now, DEFAULT_TOLERANCE);
    }

    /** True when {@link #check} says {@link Verification#VALID}. */
    public boolean verify(String header, byte[] body, Instant now, Duration tolerance) {
        return check(header, body, now, tolerance) == Verification.VALID;
    }

    private byte[] hmac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available: " + e.getMessage(), e);
        }
    }
}
