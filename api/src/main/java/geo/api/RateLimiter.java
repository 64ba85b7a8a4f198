package geo.api;

import geo.common.http.Filter;
import geo.common.http.Refusal;
import geo.common.limit.RateCounter;
import geo.common.net.IpAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    private final Runnable onRefused;

    /**
     * @param perMinute look-ups allowed per client and minute; 0 for no limit
     * @param onRefused told of every request refused, for the metrics
     */
    RateLimiter(int perMinute, RateCounter counter, Runnable onRefused) {
        this.perMinute = perMinute;
        this.counter = Objects.requireNonNull(counter, "counter");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
    }

    /** A filter that counts one look-up for each request of these routes, and refuses it over the limit. */
    Filter forRoutes(Set<String> routes) {
        Set<String> limited = Set.copyOf(routes);
        return (exchange, next) -> {
            if (perMinute == 0 || !limited.contains(exchange.route())) {
                return next.handle(exchange);
            }
            Optional<Refusal> refused = charge(exchange.client(), 1);
            return refused.isPresent() ? refused.get() : next.handle(exchange);
        };
    }

    /**
     * Counts {@code lookups} look-ups of the client (a bulk request counts each of its addresses); empty when they are
     * allowed, otherwise the refusal that says how long until the client may ask again.
     */
    Optional<Refusal> charge(IpAddress client, int lookups) {
        if (perMinute == 0) {
            return Optional.empty();
        }
        // A counter that cannot count: better no limit than refusing everyone.
        Optional<Refusal> refused = counter.add(KEY_PREFIX + client.canonical(), lookups, WINDOW)
                .filter(counted -> counted.count() > perMinute)
                .map(counted -> new Refusal.TooManyRequests(counted.remaining(), perMinute));
        refused.ifPresent(refusal -> onRefused.run());
        return refused;
    }
}
