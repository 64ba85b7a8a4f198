package geo.common.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/** A bounded cache in this process's memory, evicting the least recently used entry when full. */
final class MemoryCache implements Cache {

    private record Stored(byte[] value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final LongSupplier nanoClock;
    // A lock rather than synchronized: in Java 21 a virtual thread blocked in synchronized pins its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Stored> entries;

    MemoryCache(int maxEntries, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                return size() > MemoryCache.this.maxEntries;
            }
        };
    }

    @Override
    public Optional<byte[]> get(String key) {
        lock.lock();
        try {
            Stored entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.value());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        long expiresAt = nanoClock.getAsLong() + ttl.toNanos();
        lock.lock();
        try {
            entries.put(key, new Stored(value, expiresAt));
        } finally {
            lock.unlock();
        }
    }

    int maxEntries() {
        return maxEntries;
    }

    @Override
    public String describe() {
        return "memory (at most " + maxEntries + " entries, this process only)";
    }

    @Override
    public void close() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }
}
