package dev.pacer.ingest.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The dataset schemas recently read from the database, so that a stream of pushes to one dataset does not read and
 * parse its definition for every batch (that read was a tenth of a push's CPU).
 *
 * <p>An entry is used for at most the time to live, so a change applied by another instance (which shares the
 * database, not this cache) is seen within it. A change applied in this instance is seen at once: {@link #changed}
 * drops the entry and remembers the version, and a schema read before that version is no longer cached (a read
 * racing with the change's transaction may still find the old row; it is used once, never kept).
 */
final class SchemaCache {
    private record Entry(DatasetSchema schema, long loadedAt) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> changedVersions = new ConcurrentHashMap<>();

    /**
     * @param ttl      how long a schema read from the database is used; zero turns the cache off
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    SchemaCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.isNegative() ? 0 : ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The cached schema of the dataset, unless it is absent or older than the time to live. */
    Optional<DatasetSchema> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - e.loadedAt() >= ttlNanos) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.schema());
    }

    /** Keeps a schema just read from the database, unless this instance has since applied a newer version. */
    void put(DatasetSchema schema) {
        if (ttlNanos == 0) {
            return;
        }
        Integer changed = changedVersions.get(schema.key());
        if (changed != null && schema.version() < changed) {
            return;
        }
        entries.put(schema.key(), new Entry(schema, nanoTime.getAsLong()));
    }

    /** This instance is applying {@code version} of the dataset (a new definition or a delete). */
    void changed(String key, int version) {
        changedVersions.merge(key, version, Math::max);
        entries.remove(key);
    }
}
