package geo.api;

import geo.common.cache.Cache;
import geo.common.cache.WindowCount;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code RATE_LIMIT}: at most so many look-ups a minute per client address. The counts live in Redis when there is
 * one, so that the limit holds across all replicas behind the load balancer; in this process otherwise, and while
 * Redis is down (each replica then allows the limit on its own).
 */
final class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String KEY_PREFIX = "geo:rate:";

    private final int perMinute;
    private final Cache shared;
    private final Cache local;

    /**
     * @param perMinute look-ups allowed per client and minute; 0 for no limit
     * @param shared    where the replicas count together (Redis), or {@code local} again when there is none
     * @param local     where this replica counts alone
     */
    RateLimiter(int perMinute, Cache shared, Cache local) {
        this.perMinute = perMinute;
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
    }

    boolean isOn() {
        return perMinute > 0;
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * Counts {@code lookups} look-ups of the client (a bulk request counts each of its addresses); empty when they are
     * allowed, otherwise how long until the client may ask again.
     */
    Optional<Duration> retryAfter(String client, int lookups) {
        if (!isOn()) {
            return Optional.empty();
        }
        String key = KEY_PREFIX + client;
        Optional<WindowCount> count = shared.increment(key, lookups, WINDOW)
                .or(() -> local.increment(key, lookups, WINDOW));
        // A cache that keeps nothing cannot count: better no limit than refusing everyone.
        return count.filter(counted -> counted.count() > perMinute)
                .map(counted -> counted.remaining().isZero() ? Duration.ofSeconds(1) : counted.remaining());
    }
}
