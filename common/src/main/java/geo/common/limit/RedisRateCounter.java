package geo.common.limit;

import geo.common.redis.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Counters in the Redis server that every replica shares. */
final class RedisRateCounter implements RateCounter {

    /**
     * INCRBY and, when the counter is new, PEXPIRE, atomically: a counter can never be left without its expiry.
     * Returns the count and the milliseconds left.
     */
    private static final String ADD_IN_WINDOW = """
            local count = redis.call('INCRBY', KEYS[1], ARGV[2])
            if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}""";

    private final Redis redis;

    RedisRateCounter(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<WindowCount> add(String key, long events, Duration window) {
        return redis.call(client -> (List<?>) client.eval(ADD_IN_WINDOW, List.of(key),
                        List.of(Long.toString(window.toMillis()), Long.toString(events))))
                .map(reply -> new WindowCount((Long) reply.get(0), Duration.ofMillis(Math.max(0, (Long) reply.get(1)))));
    }
}
