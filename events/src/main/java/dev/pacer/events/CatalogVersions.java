package dev.pacer.events;

/**
 * How a replica of the compacted {@code pacer.catalog} applies a {@link CatalogChanged}, so that replays and
 * out-of-order deliveries are harmless: a definition only replaces an older one, and a delete wins over the same or an
 * older version (a delete may carry the version it deletes) and stays as a tombstone, so that a late, older definition
 * cannot bring the entry back. Every service that keeps a catalogue replica (goal-service's metrics, ingest-service's
 * dataset schemas) decides with this one rule.
 */
public final class CatalogVersions {

    /** What to do with a change. */
    public enum Action {
        /** Store the definition (insert, replace an older one, or revive an older tombstone). */
        STORE,
        /** Mark the entry deleted at this version. */
        DELETE,
        /** The replica already holds this version or a newer one. */
        IGNORE
    }

    private CatalogVersions() {
    }

    /**
     * @param storedVersion the version held, or null when the replica has never seen the key
     * @param version       the version of the change
     * @param deleted       whether the change deletes the entry
     */
    public static Action decide(Integer storedVersion, int version, boolean deleted) {
        if (deleted) {
            return storedVersion == null || version >= storedVersion ? Action.DELETE : Action.IGNORE;
        }
        return storedVersion == null || version > storedVersion ? Action.STORE : Action.IGNORE;
    }
}
