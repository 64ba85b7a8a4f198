package geo.common.limit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/** Counters in this process's memory, at most so many keys, the least recently counted forgotten first. */
final class MemoryRateCounter implements RateCounter {

    private record Window(long count, long endsAtNanos) {
    }

    private final LongSupplier nanoClock;
    // A lock rather than synchronized: in Java 21 a virtual thread blocked in synchronized pins its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Window> windows;

    MemoryRateCounter(int maxKeys, LongSupplier nanoClock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.nanoClock = nanoClock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public Optional<WindowCount> add(String key, long events, Duration window) {
        long now = nanoClock.getAsLong();
        lock.lock();
        try {
            Window current = windows.get(key);
            Window counted = current == null || now - current.endsAtNanos() >= 0
                    ? new Window(events, now + window.toNanos())
                    : new Window(current.count() + events, current.endsAtNanos());
            windows.put(key, counted);
            return Optional.of(new WindowCount(counted.count(), Duration.ofNanos(counted.endsAtNanos() - now)));
        } finally {
            lock.unlock();
        }
    }
}
