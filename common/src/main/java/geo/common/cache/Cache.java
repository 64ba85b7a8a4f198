package geo.common.cache;

import geo.common.redis.Redis;
import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.Optional;

/**
 * A key-value cache of byte arrays with a time to live; it never throws, because a cache that is down must only make
 * answers slower, never fail them.
 *
 * <p>Arrays handed in or out are shared, not copied: callers treat them as read-only.
 */
public sealed interface Cache extends AutoCloseable permits RedisCache, MemoryCache, NearCache, NoCache {

    /** The Redis server shared by all replicas; closing the cache closes the connection. */
    static Cache redis(Redis redis) {
        return new RedisCache(Objects.requireNonNull(redis, "redis"));
    }

    /** A cache local to this process, for development without Redis; it keeps at most {@code maxEntries}. */
    static Cache inMemory(int maxEntries) {
        return new MemoryCache(maxEntries, System::nanoTime);
    }

    /**
     * A small cache in this process in front of a shared one: a value read from or written to {@code shared} is kept
     * here too, for at most {@code ttl}, so that the hottest keys are served without a round trip.
     */
    static Cache near(Cache shared, int maxEntries, Duration ttl) {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(ttl, "ttl");
        return new NearCache(shared, new MemoryCache(maxEntries, System::nanoTime), ttl);
    }

    /** No cache at all: for answers that are cheaper to compute again than to fetch from a cache. */
    static Cache none() {
        return NoCache.INSTANCE;
    }

    /** The value stored under the key, or empty when there is none, it has expired, or the cache is unreachable. */
    Optional<byte[]> get(String key);

    /**
     * The value as {@link #get} gives it, but without a round trip where this process keeps a copy of what it
     * stored: a near cache answers from its own entries alone. For checking again, just before asking a provider,
     * whether this replica has just stored the answer: another replica's answer would only be seen in a window of
     * microseconds, and a second Redis round trip on every miss cost more than that is worth.
     */
    default Optional<byte[]> getOwn(String key) {
        return get(key);
    }

    /**
     * The values of several keys, in their order, each empty as {@link #get} would be. This one asks one at a time;
     * Redis answers them all in one round trip (MGET).
     */
    default List<Optional<byte[]>> getAll(List<String> keys) {
        return keys.stream().map(this::get).toList();
    }

    /** Stores the value for the given time; a cache that is unreachable drops it. */
    void put(String key, byte[] value, Duration ttl);

    /** Whether the cache is known to be unreachable right now (answers go on without it). */
    default boolean isDown() {
        return false;
    }

    /** Names the backend for the start-up log line, e.g. {@code redis geo-redis:6379}. */
    String describe();

    @Override
    void close();
}
