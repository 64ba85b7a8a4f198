package geo.common.limit;

import geo.common.redis.Redis;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Counts events per key in fixed windows, for rate limits. */
public sealed interface RateCounter permits RedisRateCounter, MemoryRateCounter, FallingBackRateCounter {

    /** Counts in Redis, so that every replica counts together. */
    static RateCounter redis(Redis redis) {
        return new RedisRateCounter(Objects.requireNonNull(redis, "redis"));
    }

    /** Counts in this process, for at most {@code maxKeys} keys (the least recently counted are forgotten). */
    static RateCounter inMemory(int maxKeys) {
        return new MemoryRateCounter(maxKeys, System::nanoTime);
    }

    /** This counter, or {@code fallback} while this one cannot count (Redis down). */
    default RateCounter orWhileDown(RateCounter fallback) {
        return new FallingBackRateCounter(this, Objects.requireNonNull(fallback, "fallback"));
    }

    /**
     * Counts {@code events} more under the key, in a window of the given length that starts with the key's first
     * event; empty when it cannot count now.
     */
    Optional<WindowCount> add(String key, long events, Duration window);
}
