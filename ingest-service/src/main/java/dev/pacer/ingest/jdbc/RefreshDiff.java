package dev.pacer.ingest.jdbc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A full refresh compared with the one before: which keys are new or changed (to publish), and which keys the source
 * no longer has (to delete downstream). Rows are compared by a hash of their fields.
 */
public final class RefreshDiff {
    private final Map<String, String> previous;
    private final Map<String, String> current = new HashMap<>();

    /** @param previous the hash of every key the last successful refresh published */
    public RefreshDiff(Map<String, String> previous) {
        this.previous = Map.copyOf(previous);
    }

    /** Records a row of this refresh; true when it must be published (new key, or fields changed). */
    public boolean seen(String key, String hash) {
        current.put(key, hash);
        return !Objects.equals(previous.get(key), hash);
    }

    /**
     * Records a key that exists in the source but whose row was refused: it is not deleted downstream, and its last
     * published hash is kept.
     */
    public void seenRefused(String key) {
        String before = previous.get(key);
        if (before != null) {
            current.put(key, before);
        }
    }

    /** Keys published before that this refresh did not see. */
    public Set<String> vanished() {
        Set<String> gone = new HashSet<>(previous.keySet());
        gone.removeAll(current.keySet());
        return gone;
    }

    /** The ledger to keep once everything is acknowledged: the hash of every key this refresh saw. */
    public Map<String, String> ledger() {
        return current;
    }
}
