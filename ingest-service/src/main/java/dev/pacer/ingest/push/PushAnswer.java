package dev.pacer.ingest.push;

/**
 * What a push answers: the result of this request, or the stored JSON answer of an earlier request with the same
 * Idempotency-Key.
 */
public record PushAnswer(PushResult result, String replayedJson) {

    public static PushAnswer fresh(PushResult result) {
        return new PushAnswer(result, null);
    }

    public static PushAnswer replay(String json) {
        return new PushAnswer(null, json);
    }

    public boolean isReplay() {
        return replayedJson != null;
    }
}
