package geo.common.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.redis.Redis;
import geo.common.redis.RedisSettings;
import geo.common.testing.RedisServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateCounterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void inMemoryACounterCountsUntilItsWindowEndsThenStartsAgain() {
        AtomicLong now = new AtomicLong();
        MemoryRateCounter counter = new MemoryRateCounter(10, now::get);

        assertEquals(new WindowCount(1, MINUTE), counter.add("c", 1, MINUTE).orElseThrow());
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(new WindowCount(6, Duration.ofSeconds(40)), counter.add("c", 5, MINUTE).orElseThrow());
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertEquals(new WindowCount(1, MINUTE), counter.add("c", 1, MINUTE).orElseThrow());
    }

    @Test
    void inMemoryTheLeastRecentlyCountedKeyIsForgottenFirst() {
        MemoryRateCounter counter = new MemoryRateCounter(2, () -> 0);
        counter.add("a", 5, MINUTE);
        counter.add("b", 5, MINUTE);
        counter.add("a", 1, MINUTE);

        counter.add("c", 1, MINUTE);

        assertEquals(7, counter.add("a", 1, MINUTE).orElseThrow().count());
        assertEquals(1, counter.add("b", 1, MINUTE).orElseThrow().count());
    }

    @Test
    void inRedisACounterCountsInItsWindowWhichRedisExpires() {
        try (RedisServer redis = RedisServer.start(); Redis connection = connect(redis)) {
            RateCounter counter = RateCounter.redis(connection);

            WindowCount first = counter.add("geo:count", 1, MINUTE).orElseThrow();
            WindowCount second = counter.add("geo:count", 3, MINUTE).orElseThrow();

            assertEquals(1, first.count());
            assertEquals(4, second.count());
            assertTrue(second.remaining().compareTo(Duration.ofSeconds(55)) > 0, second.toString());
            long ttlMillis = Long.parseLong(redis.command("PTTL geo:count").substring(1));
            assertTrue(ttlMillis > 55_000 && ttlMillis <= 60_000, "PTTL " + ttlMillis);
        }
    }

    @Test
    void whileRedisIsDownTheFallbackCountsAlone() {
        try (RedisServer redis = RedisServer.start(); Redis connection = connect(redis)) {
            RateCounter counter = RateCounter.redis(connection).orWhileDown(RateCounter.inMemory(10));
            counter.add("geo:count", 5, MINUTE);

            redis.kill();

            assertTrue(RateCounter.redis(connection).add("geo:count", 1, MINUTE).isEmpty());
            assertEquals(1, counter.add("geo:count", 1, MINUTE).orElseThrow().count());
            assertEquals(2, counter.add("geo:count", 1, MINUTE).orElseThrow().count());
        }
    }

    private static Redis connect(RedisServer redis) {
        return Redis.connect(new RedisSettings(redis.host(), redis.port(), Duration.ofMillis(250)));
    }
}
