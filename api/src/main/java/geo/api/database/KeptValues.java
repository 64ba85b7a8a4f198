package geo.api.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values made once and kept for the most recent keys, at most {@link #LIMIT} of them: the addresses people ask
 * cluster on far fewer records than a database holds. Forgetting all at once when the limit is reached bounds the
 * map without the bookkeeping of an LRU on every answer.
 */
final class KeptValues<K, V> {

    /** How many are kept; each kept answer part is some hundreds of bytes. */
    static final int LIMIT = 4_096;

    private final Map<K, V> values = new ConcurrentHashMap<>();

    /** The value kept for {@code key}, or null. */
    V get(K key) {
        return values.get(key);
    }

    /** Keeps {@code value} for {@code key}, first forgetting every other when the limit is reached. */
    V keep(K key, V value) {
        if (values.size() >= LIMIT) {
            values.clear();
        }
        values.put(key, value);
        return value;
    }
}
