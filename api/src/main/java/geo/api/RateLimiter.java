package geo.api;

import geo.common.limit.RateCounter;
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
    private final RateCounter counter;

    /** @param perMinute look-ups allowed per client and minute; 0 for no limit */
    RateLimiter(int perMinute, RateCounter counter) {
        this.perMinute = perMinute;
        this.counter = Objects.requireNonNull(counter, "counter");
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
        // A counter that cannot count: better no limit than refusing everyone.
        return counter.add(KEY_PREFIX + client, lookups, WINDOW)
                .filter(counted -> counted.count() > perMinute)
                .map(counted -> counted.remaining().isZero() ? Duration.ofSeconds(1) : counted.remaining());
    }
}
