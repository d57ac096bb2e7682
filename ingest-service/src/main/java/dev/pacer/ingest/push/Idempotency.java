package dev.pacer.ingest.push;

import dev.pacer.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The rules of the {@code Idempotency-Key} header of a push: what makes two requests the same, and what a request
 * with a key already seen gets.
 */
public final class Idempotency {
    /** Longest key accepted. */
    public static final int MAX_KEY_LENGTH = 255;

    /** A key seen before: the fingerprint of its request, its answer once it succeeded, and when it started. */
    public record Entry(String fingerprint, String response, Instant startedAt) {
    }

    /** What a request whose key was seen before does. */
    public enum Decision {
        /** Answer with the stored response; publish nothing. */
        REPLAY,
        /** The earlier request never finished within its lease: run this one in its place. */
        TAKE_OVER
    }

    private Idempotency() {
    }

    /** 400 unless the key is 1–255 visible ASCII characters. */
    public static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalid("Idempotency-Key",
                    "must be 1–" + MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID");
        }
    }

    /**
     * What identifies a request for its key: the dataset, the body format, the explicit source parameters and the
     * body's bytes (SHA-256, hex).
     */
    public static String fingerprint(String dataset, BatchFormat format, String sourceSystem, String sourceVersion,
            byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {dataset, format.name(), String.valueOf(sourceSystem),
                String.valueOf(sourceVersion)}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Decides on a request whose key was seen: the same request replays the stored answer; a different one is a 422;
     * the same one still running is a 409 (until its lease expires, when it is taken over).
     */
    public static Decision decide(Entry seen, String fingerprint, Instant now, Duration lease) {
        if (!seen.fingerprint().equals(fingerprint)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request (another dataset, body or source "
                            + "parameters); use a new key for a new batch");
        }
        if (seen.response() != null) {
            return Decision.REPLAY;
        }
        if (seen.startedAt().plus(lease).isBefore(now)) {
            return Decision.TAKE_OVER;
        }
        throw new ProblemException(409, "idempotency-key-in-use", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry in a few seconds");
    }
}
