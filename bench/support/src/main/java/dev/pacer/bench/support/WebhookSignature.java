package dev.pacer.bench.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an alert-service webhook's {@code X-Pacer-Signature} as a receiver would, independently of alert-service's
 * code: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with the channel's secret.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    /** True when some {@code v1} of the header is the body's HMAC for {@code secret}. */
    public static boolean valid(String secret, String header, byte[] body) {
        return valid(secret, header, body, null, null);
    }

    /**
     * True when the signature is valid and, if {@code arrivedAt} is given, its {@code t} lies within {@code skew}
     * of the arrival (a replayed or stale call fails).
     */
    public static boolean valid(String secret, String header, byte[] body, Instant arrivedAt, Duration skew) {
        if (header == null) {
            return false;
        }
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                t = p.substring(2);
            } else if (p.startsWith("v1=")) {
                v1.add(p.substring(3));
            }
        }
        if (t == null || v1.isEmpty()) {
            return false;
        }
        try {
            if (arrivedAt != null && Duration.between(Instant.ofEpochSecond(Long.parseLong(t)), arrivedAt).abs()
                    .compareTo(skew) > 0) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(body);
            for (String candidate : v1) {
                if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
